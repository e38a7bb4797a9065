import Foundation
import Plot
import ShieldwallCore
import Vapor

enum PlanDraftView {
    static func show(_ ctx: PageContext, _ p: PlanDraftPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.card.slug
        return Layout.page(ctx, title: ctx.t("plan.draft.title", ["version": String(p.number), "community": p.card.name]), status: status, content: [
            .p(.a(.href(SiteURL.communityPlan(slug).path), .text(ctx.t("plan.back")))),
            .p(.class("lead"), .text(ctx.t(p.canEdit ? "plan.draft.intro-facilitator" : "plan.draft.intro"))),
            Forms.errorSummary(ctx, p.errors),
            .if(p.openProposals > 0, .p(.class("notice"), .a(.href(SiteURL.communityPlanProposals(slug).path),
                                                            .text(ctx.t("plan.link.proposals", ["count": String(p.openProposals)]))))),
            .h2(.text(ctx.t("plan.draft.changes", ["version": p.currentNumber.map(String.init) ?? "—"]))),
            PlanDiffView.changes(ctx, p.changes),
            .forEach(p.content.sections) { section in
                .section(.id("section-\(section.id.rawValue)"),
                    .h3(.text(section.title)),
                    .ul(.class("measures"), .forEach(section.measures) { m in measure(ctx, p, m) }),
                    .if(p.canEdit, .element(named: "details", nodes: [
                        .element(named: "summary", nodes: [.text(ctx.t("plan.draft.add"))]),
                        .form(.method(.post), .action(SiteURL.communityPlanDraftMeasures(slug).path),
                              Forms.csrf(ctx),
                              .input(.type(.hidden), .name("section"), .value(section.id.rawValue)),
                              Forms.field("title", label: ctx.t("plan.measure.title"), id: "add-\(section.id.rawValue)-title"),
                              Forms.textarea("text", label: ctx.t("plan.measure.text"), value: "", required: false, rows: 3,
                                             id: "add-\(section.id.rawValue)-text"),
                              Forms.submit(ctx.t("plan.draft.add"))),
                    ])))
            },
            .if(p.canEdit, .section(.id("plan-publish"),
                .h2(.text(ctx.t("plan.publish.title", ["version": String(p.number)]))),
                .form(.method(.post), .action(SiteURL.communityPlanPublish(slug).path),
                      Forms.csrf(ctx),
                      Forms.textarea("summary", label: ctx.t("plan.publish.summary"), value: p.summary, error: p.errors["summary"],
                                     hint: ctx.t("plan.publish.summary-hint"), rows: 3),
                      Forms.checkbox("review", label: ctx.t("plan.publish.is-review"), checked: false),
                      Forms.submit(ctx.t("plan.publish.submit", ["version": String(p.number)]))))),
        ])
    }

    static func measure(_ ctx: PageContext, _ p: PlanDraftPage, _ m: PlanMeasure) -> Node<HTML.ListContext> {
        let slug = p.card.slug
        guard p.canEdit else { return .li(.id("measure-\(m.id)"), .strong(.text(m.title)), .p(.text(m.text))) }
        return .li(.id("measure-\(m.id)"),
            .form(.method(.post), .action(SiteURL.communityPlanDraftMeasure(slug, m.id).path),
                  Forms.csrf(ctx),
                  Forms.field("title", label: ctx.t("plan.measure.title"), value: m.title, id: "\(m.id)-title"),
                  Forms.textarea("text", label: ctx.t("plan.measure.text"), value: m.text, required: false, rows: 3, id: "\(m.id)-text"),
                  Forms.submit(ctx.t("plan.draft.save"))),
            Forms.dangerButton(ctx, action: SiteURL.communityPlanDraftMeasureRemove(slug, m.id).path, text: ctx.t("plan.draft.remove"),
                               confirm: "remove-measure", name: m.title))
    }
}
