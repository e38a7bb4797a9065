import Foundation
import Plot
import ShieldwallCore
import Vapor

extension TrainingView {
    static func person(_ ctx: PageContext, _ p: TrainingPersonPage) -> Response {
        Layout.page(ctx, title: p.isSelf ? ctx.t("training.my-history") : ctx.t("training.history-of", ["name": p.name]), content: [
            .p(.a(.href(SiteURL.training.path), .text(ctx.t("training.back")))),
            .p(.class("hint"), .text(ctx.t("training.history-private"))),
            .h2(.text(ctx.t("training.assigned"))),
            assignedTable(ctx, p.assigned, empty: ctx.t("training.assigned-none")),
            .h2(.text(ctx.t("training.done"))),
            Table.render(caption: ctx.t("training.done"),
                         headers: [ctx.t("training.day"), ctx.t("training.course"), ctx.t("training.result")],
                         rows: p.records.map { d in [
                            .text(d.record.completedOn), .text(d.title),
                            .text(d.record.declared ? ctx.t("training.result-declared")
                                  : ctx.t(d.record.passed ? "training.result-passed" : "training.result-failed",
                                          ["correct": String(d.record.correct), "total": String(d.record.total)])),
                         ] }, empty: ctx.t("training.done-none")),
            .h2(.text(ctx.t("training.check-ins"))),
            Table.render(caption: ctx.t("training.check-ins"), headers: [ctx.t("training.day"), ctx.t("training.check-in"), ctx.t("training.result")],
                         rows: p.checkIns.map { c in [Format.time(c.at), .text(c.title), .text("\(c.correct) / \(c.total)")] },
                         empty: ctx.t("training.check-ins-none")),
        ])
    }
}
