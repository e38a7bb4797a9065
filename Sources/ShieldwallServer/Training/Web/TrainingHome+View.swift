import Foundation
import Plot
import ShieldwallCore
import Vapor

enum TrainingView {
    static func home(_ ctx: PageContext, _ p: TrainingHomePage) -> Response {
        Layout.page(ctx, title: ctx.t("training.title"), content: [
            .p(.text(ctx.t("training.intro"))),
            .if(p.managedFirm != nil, .p(.a(.href(p.managedFirm.map { SiteURL.organisationTraining($0).path } ?? ""), .text(ctx.t("training.firm-link"))))),
            .h2(.text(ctx.t("training.assigned"))),
            assignedTable(ctx, p.assigned, empty: ctx.t("training.assigned-none")),
            .p(.a(.href(SiteURL.trainingPerson(p.personID).path), .text(ctx.t("training.history-link")))),
            .h2(.text(ctx.t("training.courses"))),
            courseTable(ctx, p.courses),
            .if(!p.drafts.isEmpty, .group(.h2(.text(ctx.t("training.drafts"))), courseTable(ctx, p.drafts))),
            .if(p.canOfferToEveryone, .p(.a(.href(SiteURL.trainingCourseNew.path), .text(ctx.t("training.offer-everyone"))))),
        ])
    }

    static func status(_ ctx: PageContext, _ cell: TrainingProgress.Cell) -> Node<HTML.BodyContext> {
        switch cell.status {
        case .done: .span(.class("status done"), .text(ctx.t("training.status.done", ["day": cell.doneOn ?? ""])))
        case .due: .span(.class("status due"), .text(ctx.t("training.status.due", ["day": cell.dueOn])))
        case .overdue: .span(.class("status overdue"), .text(ctx.t("training.status.overdue", ["day": cell.dueOn])))
        }
    }

    static func assignedTable(_ ctx: PageContext, _ rows: [AssignedCourse], empty: String) -> Node<HTML.BodyContext> {
        Table.render(caption: ctx.t("training.assigned"), headers: [ctx.t("training.course"), ctx.t("training.status")], rows: rows.map { row in [
            row.course.map { c in .a(.href(SiteURL.trainingCourse(c.key.path).path), .text(c.title)) } ?? .text(ctx.t("training.course-gone")),
            status(ctx, row.cell),
        ] }, empty: empty)
    }

    static func courseTable(_ ctx: PageContext, _ courses: [Course]) -> Node<HTML.BodyContext> {
        Table.render(caption: ctx.t("training.courses"),
                     headers: [ctx.t("training.course"), ctx.t("training.given-by"), ctx.t("training.minutes"), ctx.t("training.languages")],
                     rows: courses.map { c in [
                        .group(.a(.href(SiteURL.trainingCourse(c.key.path).path), .text(c.title)),
                               .if(c.status != .published, .text(" (" + ctx.t("training.course-status.\(c.status.rawValue)") + ")")),
                               .p(.class("hint"), .text(c.summary))),
                        .text(c.provider.map { p in c.community.map { ctx.t("training.provider-in", ["provider": p, "community": $0.name]) } ?? p }
                              ?? ctx.t("training.ours")),
                        .text(String(c.minutes)),
                        .text(c.languages.map { ctx.t("training.language.\($0)") }.joined(separator: ", ")),
                     ] }, empty: ctx.t("training.courses-none"))
    }
}
