import Foundation
import Plot
import ShieldwallCore
import Vapor

enum PlanProposalsView {
    static func list(_ ctx: PageContext, _ p: PlanProposalsPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("plan.proposals.title", ["community": p.card.name]), status: status, content: [
            .p(.a(.href(SiteURL.communityPlan(p.card.slug).path), .text(ctx.t("plan.back")))),
            Forms.errorSummary(ctx, p.errors),
            .h2(.text(ctx.t("plan.proposals.open"))),
            p.open.isEmpty ? .p(.class("empty"), .text(ctx.t("plan.proposals.none")))
                : .ul(.id("open-proposals"), .forEach(p.open) { row(ctx, p, $0) }),
            .if(!p.decided.isEmpty, .group(.h2(.text(ctx.t("plan.proposals.decided"))),
                                           .ul(.id("decided-proposals"), .forEach(p.decided) { row(ctx, p, $0) }))),
        ])
    }

    static func row(_ ctx: PageContext, _ p: PlanProposalsPage, _ r: PlanProposalsPage.Row) -> Node<HTML.ListContext> {
        .li(.id("proposal-\(r.id.uuidString)"), .class("proposal"),
            .p(.strong(.text(ctx.t("plan.proposal.kind.\(r.kind.rawValue)", ["title": r.measureTitle ?? r.title]))),
               .text(" — " + ctx.t("plan.proposal.by", ["author": r.author, "version": String(r.baseVersion)]) + " "), Format.time(r.createdAt)),
            .p(.class("diff"), .forEach(r.words) { PlanDiffView.piece($0) }),
            .if(!r.reason.isEmpty, .p(.text(ctx.t("plan.proposal.why") + " " + r.reason))),
            .if(r.status != .open, .p(.class("decision"), .strong(.text(ctx.t("plan.proposal.status.\(r.status.rawValue)", ["by": r.decidedBy ?? ""]))),
                                      .text(r.decisionReason.map { " " + $0 } ?? ""))),
            .if(r.status == .open && p.canEdit,
                .form(.method(.post), .action(SiteURL.communityPlanProposalDecision(p.card.slug, r.id).path),
                      Forms.csrf(ctx),
                      Forms.textarea("reason", label: ctx.t("plan.proposal.decision-reason"), value: "", required: false, rows: 2,
                                     id: "reason-\(r.id.uuidString)"),
                      .button(.type(.submit), .name("decision"), .value("accept"), .text(ctx.t("plan.proposal.accept"))),
                      .button(.type(.submit), .name("decision"), .value("decline"), .class("secondary"), .text(ctx.t("plan.proposal.decline"))))))
    }

    static func form(_ ctx: PageContext, _ p: PlanProposalFormPage, status: HTTPStatus = .ok) -> Response {
        let f = p.form, errors = p.errors
        return Layout.page(ctx, title: ctx.t(p.measure == nil ? "plan.proposal.new-measure" : "plan.proposal.change", ["title": p.measure?.title ?? ""]),
                           status: status, content: [
            .p(.a(.href(SiteURL.communityPlan(p.card.slug).path), .text(ctx.t("plan.back")))),
            Forms.errorSummary(ctx, errors),
            .unwrap(p.measure) { m in .blockquote(.strong(.text(m.title)), .p(.text(m.text))) },
            .form(.method(.post), .action(SiteURL.communityPlanProposals(p.card.slug).path),
                  Forms.csrf(ctx),
                  .input(.type(.hidden), .name("base_version"), .value(String(p.baseVersion))),
                  .input(.type(.hidden), .name("section"), .value(p.section.rawValue)),
                  .unwrap(p.measure) { m in .input(.type(.hidden), .name("measure"), .value(m.id)) },
                  .unwrap(p.measure, { _ in
                      Forms.select("kind", label: ctx.t("plan.proposal.what"), options: [("edit", ctx.t("plan.proposal.what.edit")),
                                                                                          ("remove", ctx.t("plan.proposal.what.remove"))],
                                   selected: f.kind ?? "edit", error: errors["kind"])
                  }, else: .input(.type(.hidden), .name("kind"), .value("add"))),
                  Forms.field("title", label: ctx.t("plan.measure.title"), value: f.title ?? "", error: errors["title"], required: false),
                  Forms.textarea("text", label: ctx.t("plan.measure.text"), value: f.text ?? "", error: errors["text"], required: false, rows: 5),
                  Forms.textarea("reason", label: ctx.t("plan.proposal.reason"), value: f.reason ?? "", error: errors["reason"],
                                 hint: ctx.t("plan.proposal.reason-hint"), required: false, rows: 3),
                  Forms.submit(ctx.t("plan.proposal.send"))),
        ])
    }
}
