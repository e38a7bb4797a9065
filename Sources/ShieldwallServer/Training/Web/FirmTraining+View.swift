import Foundation
import Plot
import ShieldwallCore
import Vapor

enum FirmTrainingView {
    static func page(_ ctx: PageContext, _ p: FirmTrainingPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("training.firm-title", ["firm": p.firmName]), status: status, content: [
            .p(.a(.href(SiteURL.training.path), .text(ctx.t("training.back")))),
            .p(.id("training-counts"), .text(ctx.t("training.firm-counts", ["done": String(p.count(.done)), "due": String(p.count(.due)),
                                                                              "overdue": String(p.count(.overdue))]))),
            matrix(ctx, p),
            .p(.a(.href(SiteURL.organisationTrainingCSV(p.firmID).path), .text(ctx.t("training.csv")))),
            .h2(.id("assign"), .text(ctx.t("training.assign"))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(SiteURL.organisationTraining(p.firmID).path), Forms.csrf(ctx),
                  Forms.select("course", label: ctx.t("training.course"), options: [("", ctx.t("training.choose-course"))] + p.courses.map {
                      (value: $0.key.description, text: $0.title)
                  }, selected: p.form.course ?? "", error: p.errors["course"]),
                  Forms.select("person", label: ctx.t("training.whom"), options: [("everyone", ctx.t("training.everyone"))] + p.rows.map {
                      (value: $0.personID.uuidString, text: $0.name)
                  }, selected: p.form.person ?? "everyone", error: p.errors["person"]),
                  Forms.field("dueOn", label: ctx.t("training.due-on"), type: .date, value: p.form.dueOn ?? "", error: p.errors["dueOn"],
                              hint: ctx.t("training.due-hint")),
                  Forms.submit(ctx.t("training.assign-button"))),
            .h2(.text(ctx.t("training.assignments"))),
            Table.render(caption: ctx.t("training.assignments"), headers: [ctx.t("training.course"), ctx.t("training.whom"), ctx.t("training.due-on"), ""],
                         rows: p.assignments.map { a in [
                            .text(a.title), .text(a.person ?? ctx.t("training.everyone-later")), .text(a.dueOn),
                            Forms.dangerButton(ctx, action: SiteURL.organisationTrainingWithdraw(p.firmID, a.id).path, text: ctx.t("training.withdraw"),
                                               confirm: "training-withdraw", name: a.title),
                         ] }, empty: ctx.t("training.assignments-none")),
        ])
    }

    private static func matrix(_ ctx: PageContext, _ p: FirmTrainingPage) -> Node<HTML.BodyContext> {
        Table.render(caption: ctx.t("training.matrix"), headers: [ctx.t("training.person")] + p.columns.map(\.title), rows: p.rows.map { row in
            [.a(.href(SiteURL.trainingPerson(row.personID).path), .text(row.name))] + p.columns.map { column in
                guard let cell = row.cells[column.key] else { return .text("—") }
                return .group(TrainingView.status(ctx, cell), .if(cell.status != .done,
                    Forms.button(ctx, action: SiteURL.organisationTrainingRemind(p.firmID).path, text: ctx.t("training.remind"),
                                 hidden: [("assignment", cell.assignmentID.uuidString), ("person", row.personID.uuidString)])))
            }
        }, empty: ctx.t("training.matrix-none"))
    }
}
