import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ActionView {
    static func statusText(_ ctx: PageContext, _ status: PlanAction.Status) -> String { ctx.t("actions.status.\(status.rawValue)") }

    static func table(_ ctx: PageContext, _ plan: ActionTable) -> Node<HTML.BodyContext> {
        Table.render(caption: ctx.t("actions.title"),
                     headers: [ctx.t("actions.action"), ctx.t("actions.owner"), ctx.t("actions.due"), ctx.t("actions.status")],
                     rows: plan.actions.map { a in [
                        .a(.href(SiteURL.action(a.id).path), .text(a.title)),
                        .text(a.ownerID.flatMap { plan.owners[$0] } ?? ctx.t("actions.unassigned")),
                        .group(.text(a.dueOn ?? "—"), .if(a.isOverdue, .strong(.class("overdue"), .text(" " + ctx.t("actions.overdue"))))),
                        .group(.text(statusText(ctx, a.status)), .unwrap(a.notApplicableReason) { .text(" (\($0))") }),
                     ] }, empty: ctx.t("actions.empty"))
    }

    static func list(_ ctx: PageContext, _ plan: ActionTable) -> Response {
        Layout.page(ctx, title: ctx.t("actions.title"), content: [
            .p(.a(.href(SiteURL.assessment.path), .text(ctx.t("results.back"))), .text(" · "),
               .a(.href(SiteURL.actionsCSV.path), .text(ctx.t("results.actions-csv")))),
            .p(.text(ctx.t("actions.intro"))),
            table(ctx, plan),
        ])
    }

    static func edit(_ ctx: PageContext, _ p: ActionEditPage, status: HTTPStatus = .ok) -> Response {
        let action = p.action, form = p.form, errors = p.errors
        let ownerOptions = [("", ctx.t("actions.unassigned"))] + p.owners.sorted { $0.value < $1.value }.map { ($0.key.uuidString, $0.value) }
        return Layout.page(ctx, title: action.title, status: status, content: [
            .p(.a(.href(SiteURL.actions.path), .text(ctx.t("actions.back")))),
            .unwrap(p.recommendation) { rec in
                .group(.p(.text(rec.why)), .ol(.forEach(rec.steps) { .li(.text($0)) }))
            },
            Forms.errorSummary(ctx, errors),
            p.canUpdate ? .form(.method(.post), .action(SiteURL.action(action.id).path), Forms.csrf(ctx),
                p.isAdmin ? Forms.select("owner", label: ctx.t("actions.owner"), options: ownerOptions.map { (value: $0.0, text: $0.1) },
                                         selected: form?.owner ?? action.ownerID?.uuidString ?? "", error: errors["owner"]) : .empty,
                p.isAdmin ? Forms.field("due_on", label: ctx.t("actions.due"), type: .date, value: form?.due_on ?? action.dueOn ?? "",
                                        error: errors["due_on"], required: false) : .empty,
                Forms.select("status", label: ctx.t("actions.status"),
                             options: PlanAction.Status.allCases.map { (value: $0.rawValue, text: statusText(ctx, $0)) },
                             selected: form?.status ?? action.status.rawValue, error: errors["status"]),
                Forms.field("not_applicable_reason", label: ctx.t("actions.reason"), value: form?.not_applicable_reason ?? action.notApplicableReason ?? "",
                            error: errors["not_applicable_reason"], hint: ctx.t("actions.reason.hint"), required: false),
                Forms.textarea("notes", label: ctx.t("actions.notes"), value: form?.notes ?? action.notes, error: errors["notes"], required: false, rows: 4),
                Forms.submit(ctx.t("actions.save")))
            : .group(.p(.text(ctx.t("actions.read-only"))),
                     .p(.text("\(ctx.t("actions.status")): \(statusText(ctx, action.status))")),
                     .p(.text(action.notes))),
        ])
    }
}
