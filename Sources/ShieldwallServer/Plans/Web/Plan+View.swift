import Foundation
import Plot
import ShieldwallCore
import Vapor

enum PlanView {
    static func show(_ ctx: PageContext, _ p: PlanPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.card.slug
        return Layout.page(ctx, title: ctx.t("plan.title", ["community": p.card.name]), status: status, content: [
            .p(.a(.href(SiteURL.community(slug).path), .text(ctx.t("community.back")))),
            .p(.class("lead"), .text(ctx.t("plan.intro"))),
            Forms.errorSummary(ctx, p.errors),
            p.started ? started(ctx, p) : notStarted(ctx, p),
            .section(.id("plan-kpis"),
                .h2(.text(ctx.t("plan.kpis"))),
                p.kpis.isEmpty ? .p(.class("empty"), .text(ctx.t("plan.kpis-none"))) : .ul(.forEach(p.kpis) { .li(.text($0)) }),
                .p(.a(.href(SiteURL.communityKPIs(slug).path), .text(ctx.t("plan.kpis-link"))))),
        ])
    }

    static func notStarted(_ ctx: PageContext, _ p: PlanPage) -> Node<HTML.BodyContext> {
        .if(p.canEdit,
            .div(.p(.text(ctx.t("plan.start-intro"))),
                 Forms.button(ctx, action: SiteURL.communityPlanStart(p.card.slug).path, text: ctx.t("plan.start"))),
            else: .p(.class("empty"), .text(ctx.t("plan.none"))))
    }

    static func started(_ ctx: PageContext, _ p: PlanPage) -> Node<HTML.BodyContext> {
        let slug = p.card.slug
        return .group(
            .nav(.class("subnav"), .attribute(named: "aria-label", value: escapeAttribute(ctx.t("plan.sections"))),
                 .ul(.unwrap(p.draftNumber) { n in .li(.a(.href(SiteURL.communityPlanDraft(slug).path), .text(ctx.t("plan.link.draft", ["version": String(n)])))) },
                     .li(.a(.href(SiteURL.communityPlanProposals(slug).path), .text(ctx.t("plan.link.proposals", ["count": String(p.openProposals)])))),
                     .if(p.versions.count > 1, .li(.a(.href(SiteURL.communityPlanDiff(slug).path), .text(ctx.t("plan.link.diff"))))),
                     .if(p.myFirm != nil, .li(.a(.href(SiteURL.communityPlanFirm(slug).path),
                                                  .text(ctx.t("plan.link.firm", ["firm": p.myFirm?.name ?? ""]))))))),
            signOff(ctx, p),
            .unwrap(p.shown, { shown in version(ctx, p, shown) }, else: .p(.class("empty"), .text(ctx.t("plan.not-published")))),
            review(ctx, p),
            .if(!p.versions.isEmpty, .group(
                .h2(.text(ctx.t("plan.versions"))),
                Table.render(caption: ctx.t("plan.versions"), headers: [ctx.t("plan.version"), ctx.t("plan.published"), ctx.t("plan.summary")],
                             rows: p.versions.map { v in [
                                .a(.href(SiteURL.communityPlan(slug).path + "?version=\(v.number)"), .text(ctx.t("plan.version-n", ["version": String(v.number)]))),
                                Format.time(v.publishedAt), .text(v.summary),
                             ] }, empty: "")))
        )
    }

    static func signOff(_ ctx: PageContext, _ p: PlanPage) -> Node<HTML.BodyContext> {
        guard let current = p.currentNumber else { return .empty }
        let slug = p.card.slug
        return .section(.id("plan-signoff"), .class("notice"),
            .h2(.text(ctx.t("plan.signoff"))),
            .unwrap(p.myFirm) { mine in
                switch mine.state {
                case .current:
                    return .p(.id("my-signoff"), .text(ctx.t("plan.signoff.mine-current", ["firm": mine.name, "version": String(current)])))
                case .older(let signed):
                    return .div(.p(.id("my-signoff"), .strong(.text(ctx.t("plan.signoff.mine-older",
                                  ["firm": mine.name, "signed": String(signed), "version": String(current)])))),
                                signButton(ctx, slug: slug, current: current, mine: mine))
                case .never:
                    return .div(.p(.id("my-signoff"), .text(ctx.t("plan.signoff.mine-never", ["firm": mine.name, "version": String(current)]))),
                                signButton(ctx, slug: slug, current: current, mine: mine))
                }
            },
            Table.render(caption: ctx.t("plan.signoff.firms"), headers: [ctx.t("field.name"), ctx.t("plan.signoff.state")],
                         rows: p.firms.map { f in [.text(f.name), .text(stateText(ctx, f.state))] }, empty: ctx.t("community.no-firms")))
    }

    static func signButton(_ ctx: PageContext, slug: String, current: Int, mine: PlanPage.MyFirm) -> Node<HTML.BodyContext> {
        .if(mine.canSign, Forms.button(ctx, action: SiteURL.communityPlanSign(slug).path,
                                        text: ctx.t("plan.sign", ["version": String(current)]), hidden: [("version", String(current))]))
    }

    static func stateText(_ ctx: PageContext, _ state: PlanSignOff.State) -> String {
        switch state {
        case .current: ctx.t("plan.signoff.current")
        case .older(let v): ctx.t("plan.signoff.older", ["version": String(v)])
        case .never: ctx.t("plan.signoff.never")
        }
    }

    static func version(_ ctx: PageContext, _ p: PlanPage, _ v: PlanPage.Shown) -> Node<HTML.BodyContext> {
        let slug = p.card.slug
        return .article(.id("plan-version"),
            .h2(.text(ctx.t("plan.version-n", ["version": String(v.number)]))),
            .p(.class("hint"), .text(v.isCurrent ? ctx.t("plan.current-version") : ctx.t("plan.older-version")), .text(" "), Format.time(v.publishedAt)),
            .if(!v.summary.isEmpty, .p(.text(ctx.t("plan.what-changed") + " " + v.summary))),
            .forEach(v.content.sections) { section in
                .section(.id("section-\(section.id.rawValue)"),
                    .h3(.text(section.title)),
                    .if(!section.intro.isEmpty, .p(.class("hint"), .text(section.intro))),
                    .ul(.class("measures"), .forEach(section.measures) { m in
                        .li(.id("measure-\(m.id)"),
                            .strong(.text(m.title)), .p(.text(m.text)),
                            .unwrap(m.playbook) { key in
                                .p(.a(.href(SiteURL.communityPlaybook(slug, key).path), .text(ctx.t("plan.open-playbook"))))
                            },
                            .if(v.isCurrent && p.canContribute,
                                .a(.href(SiteURL.communityPlanProposalNew(slug).path + "?measure=\(m.id)"), .text(ctx.t("plan.propose-change")))))
                    }),
                    .if(v.isCurrent && p.canContribute,
                        .p(.a(.href(SiteURL.communityPlanProposalNew(slug).path + "?section=\(section.id.rawValue)"), .text(ctx.t("plan.propose-measure"))))),
                    comments(ctx, p, v, section.id))
            })
    }

    static func comments(_ ctx: PageContext, _ p: PlanPage, _ v: PlanPage.Shown, _ section: PlanSectionKind) -> Node<HTML.BodyContext> {
        let list = p.comments[section] ?? []
        return .div(.class("comments"),
            .if(!list.isEmpty, .ul(.forEach(list) { c in .li(.strong(.text(c.author)), .text(" "), Format.time(c.at), .p(.text(c.body))) })),
            .if(p.canContribute, .element(named: "details", nodes: [
                .element(named: "summary", nodes: [.text(ctx.t("plan.comment"))]),
                .form(.method(.post), .action(SiteURL.communityPlanComments(p.card.slug).path),
                      Forms.csrf(ctx),
                      .input(.type(.hidden), .name("version"), .value(String(v.number))),
                      .input(.type(.hidden), .name("section"), .value(section.rawValue)),
                      Forms.textarea("body", label: ctx.t("plan.comment.body"), value: "", rows: 3, id: "comment-\(section.rawValue)"),
                      Forms.submit(ctx.t("plan.comment.send"))),
            ])))
    }

    /// The event form, filled in for the review meeting on the review day.
    static func reviewEventLink(_ ctx: PageContext, _ p: PlanPage) -> String {
        var query = "?kind=workshop&title=" + (ctx.t("plan.review.event").addingPercentEncoding(withAllowedCharacters: .urlUnreserved) ?? "")
        if let day = p.nextReviewOn { query += "&starts=\(day)T18:00" }
        return SiteURL.communityEventNew(p.card.slug).path + query
    }

    static func review(_ ctx: PageContext, _ p: PlanPage) -> Node<HTML.BodyContext> {
        let slug = p.card.slug
        return .section(.id("plan-review"),
            .h2(.text(ctx.t("plan.review"))),
            .p(.text(p.nextReviewOn.map { ctx.t("plan.review.next", ["date": $0, "months": String(p.reviewEveryMonths)]) }
                     ?? ctx.t("plan.review.unscheduled"))),
            .if(p.canEdit && p.currentNumber != nil, .group(
                .p(.a(.href(reviewEventLink(ctx, p)), .text(ctx.t("plan.review.make-event")))),
                .element(named: "details", nodes: [
                    .element(named: "summary", nodes: [.text(ctx.t("plan.review.record"))]),
                    .form(.method(.post), .action(SiteURL.communityPlanReview(slug).path),
                          Forms.csrf(ctx),
                          Forms.textarea("summary", label: ctx.t("plan.review.summary"), value: "", error: p.errors["summary"], rows: 3),
                          Forms.submit(ctx.t("plan.review.record"))),
                ]),
                .element(named: "details", nodes: [
                    .element(named: "summary", nodes: [.text(ctx.t("plan.review.schedule"))]),
                    .form(.method(.post), .action(SiteURL.communityPlanSchedule(slug).path),
                          Forms.csrf(ctx),
                          Forms.field("review_every_months", label: ctx.t("plan.review.every"), type: .number, value: String(p.reviewEveryMonths),
                                      error: p.errors["review_every_months"], extra: [.attr("min", "1"), .attr("max", "12")]),
                          Forms.field("next_review_on", label: ctx.t("plan.review.next-date"), type: .date, value: p.nextReviewOn ?? "",
                                      error: p.errors["next_review_on"], required: false),
                          Forms.submit(ctx.t("plan.review.save"))),
                ]))),
            .if(!p.reviews.isEmpty, .ul(.id("plan-reviews"), .forEach(p.reviews) { r in
                .li(.strong(.text(r.heldOn)), .text(" — " + ctx.t("plan.version-n", ["version": String(r.version)]) + ": " + r.summary))
            })))
    }
}
