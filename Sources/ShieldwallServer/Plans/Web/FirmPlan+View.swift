import Foundation
import Plot
import ShieldwallCore
import Vapor

enum FirmPlanView {
    static func show(_ ctx: PageContext, _ p: FirmPlanPage, status: HTTPStatus = .ok) -> Response {
        let options = ["adopted", "adapted", "not-applicable"].map { (value: $0, text: ctx.t("plan.firm.status.\($0)")) }
        return Layout.page(ctx, title: ctx.t("plan.firm.title", ["firm": p.firm, "community": p.card.name]), status: status, content: [
            .p(.a(.href(SiteURL.communityPlan(p.card.slug).path), .text(ctx.t("plan.back")))),
            .p(.class("lead"), .text(ctx.t("plan.firm.intro", ["version": String(p.version)]))),
            Forms.errorSummary(ctx, p.errors),
            Table.render(caption: ctx.t("plan.firm.measures"), headers: [ctx.t("plan.firm.measure"), ctx.t("plan.firm.choice"), ctx.t("plan.firm.action")],
                         rows: p.rows.map { r in
                            let id = r.measure.id, failed = p.failedMeasure == id
                            return [
                                .group(.strong(.text(r.measure.title)), .text(" (" + r.sectionTitle + ")"), .p(.class("hint"), .text(r.measure.text))),
                                .group(.p(.id("choice-\(id)"), .text(r.adoption.map { ctx.t("plan.firm.status.\($0.status)") + ($0.note.isEmpty ? "" : ": " + $0.note) }
                                                                       ?? ctx.t("plan.firm.undecided"))),
                                       .if(p.canManage, .element(named: "details", nodes: [
                                           .attribute(named: "open", value: failed ? "open" : nil, ignoreIfValueIsEmpty: true),
                                           .element(named: "summary", nodes: [.text(ctx.t("plan.firm.change"))]),
                                           .form(.method(.post), .action(SiteURL.communityPlanFirmMeasure(p.card.slug, id).path),
                                                 Forms.csrf(ctx),
                                                 Forms.select("status", label: ctx.t("plan.firm.choice"), options: options,
                                                              selected: r.adoption?.status ?? "adopted", error: failed ? p.errors["status"] : nil,
                                                              id: "status-\(id)"),
                                                 Forms.textarea("note", label: ctx.t("plan.firm.note"), value: r.adoption?.note ?? "",
                                                                error: failed ? p.errors["note"] : nil, required: false, rows: 2, id: "note-\(id)"),
                                                 Forms.submit(ctx.t("plan.firm.save"))),
                                       ]))),
                                .unwrap(r.actionID, { .a(.href(SiteURL.action($0).path), .text(ctx.t("plan.firm.open-action"))) },
                                        else: .if(p.canManage, Forms.button(ctx, action: SiteURL.communityPlanFirmAction(p.card.slug, id).path,
                                                                           text: ctx.t("plan.firm.make-action")))),
                            ]
                         }, empty: ""),
        ])
    }
}
