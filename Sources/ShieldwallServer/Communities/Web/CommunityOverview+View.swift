import Foundation
import Plot
import ShieldwallCore
import Vapor

enum CommunityOverviewView {
    static func overview(_ ctx: PageContext, _ m: CommunityOverviewPage) -> Response {
        let slug = m.card.slug
        let facilitating = m.isFacilitating
        let active = m.firms.filter { $0.status == .active }
        return Layout.page(ctx, title: m.card.name, content: [
            .p(.class("lead"), .text(m.card.description)),
            .p(.text(ctx.t("community.kind.\(m.card.kind.rawValue)") + " · "
                     + ctx.t("community.your-role", ["role": ctx.t("community.role.\(m.standing.role?.rawValue ?? "member")")]))),
            .if(m.standing.communityArchived, .p(.class("notice"), .text(ctx.t("community.archived")))),
            .nav(.class("subnav"), .attribute(named: "aria-label", value: escapeAttribute(ctx.t("community.sections"))),
                 .ul(.li(.a(.href(SiteURL.communityDiscussions(slug).path), .text(ctx.t("community.link.discussions")))),
                     .li(.a(.href(SiteURL.communityPlan(slug).path), .text(ctx.t("community.link.plan")))),
                     .li(.a(.href(SiteURL.communityPlaybooks(slug).path), .text(ctx.t("community.link.playbooks")))),
                     .li(.a(.href(SiteURL.communityThreats(slug).path), .text(ctx.t("community.link.threats")))),
                     .li(.a(.href(SiteURL.communityResources(slug).path), .text(ctx.t("community.link.resources")))),
                     .li(.a(.href(SiteURL.communityEvents(slug).path), .text(ctx.t("community.link.events")))),
                     .li(.a(.href(SiteURL.communityTraining(slug).path), .text(ctx.t("community.link.training")))),
                     .li(.a(.href(SiteURL.communityKPIs(slug).path), .text(ctx.t("community.link.kpis")))),
                     .li(.a(.href(SiteURL.communityPurchases(slug).path), .text(ctx.t("community.link.purchases")))),
                     .li(.a(.href(SiteURL.communityBlocklist(slug).path), .text(ctx.t("community.link.blocklist")))),
                     .li(.a(.href(SiteURL.communityCharter(slug).path), .text(ctx.t("community.link.charter")))),
                     .li(.a(.href(SiteURL.communityBenchmark(slug).path), .text(ctx.t("community.link.benchmark")))),
                     .if(m.card.kind == .cityChapter, .li(.a(.href(SiteURL.chapter(slug).path), .text(ctx.t("community.link.chapter-public"))))),
                     .if(m.card.kind == .cityChapter, .li(.a(.href(SiteURL.communityMentoring(slug).path), .text(ctx.t("community.link.mentoring"))))),
                     .if(m.card.kind == .cityChapter, .li(.a(.href(SiteURL.communityTalent(slug).path), .text(ctx.t("community.link.talent"))))),
                     .if(m.card.kind == .cityChapter, .li(.a(.href(SiteURL.communityLabs(slug).path), .text(ctx.t("community.link.labs"))))),
                     .if(m.card.kind == .cityChapter && facilitating,
                         .li(.a(.href(SiteURL.communityChapter(slug).path), .text(ctx.t("community.link.chapter-manage"))))),
                     .if(facilitating, .li(.a(.href(SiteURL.communityHealth(slug).path), .text(ctx.t("community.link.health"))))),
                     .if(facilitating, .li(.a(.href(SiteURL.communityFlags(slug).path), .text(ctx.t("community.link.flags"))))),
                     .if(facilitating, .li(.a(.href(SiteURL.communityFederation(slug).path), .text(ctx.t("community.link.federation"))))))),
            .h2(.text(ctx.t("community.upcoming"))),
            m.upcoming.isEmpty ? .p(.class("empty"), .text(ctx.t("community.no-events")))
                : .ul(.forEach(m.upcoming) { e in
                    .li(.a(.href(SiteURL.communityEvent(slug, e.id).path), .text(e.title)), .text(" — " + e.localTime))
                }),
            .h2(.text(ctx.t("community.members", ["count": String(active.count)]))),
            Table.render(caption: ctx.t("community.firms"), headers: [ctx.t("field.name"), ctx.t("field.size"), ctx.t("community.standing"), ""],
                         rows: m.firms.map { firm in [
                            .text(firm.name), .text(ctx.t("size.\(firm.size.rawValue)")), .text(ctx.t("community.status-\(firm.status.rawValue)")),
                            // Her own firm's row carries no Suspend or Remove: she leaves with "Leave" below.
                            facilitating && firm.status != .former && firm.id != ctx.signedIn?.organisationID
                                ? statusButtons(ctx, action: SiteURL.communityOrganisationStatus(slug, firm.id).path, current: firm.status,
                                                confirm: "remove-firm", name: firm.name) : .empty,
                         ] },
                         empty: ctx.t("community.no-firms")),
            Table.render(caption: ctx.t("community.people-with-roles"), headers: [ctx.t("field.name"), ctx.t("field.role"), ctx.t("community.standing"), ""],
                         rows: m.individuals.map { p in [
                            .text(p.name), .text(ctx.t("community.role.\(p.role.rawValue)")), .text(ctx.t("community.status-\(p.status.rawValue)")),
                            facilitating && p.role == .expert && p.status != .former
                                ? statusButtons(ctx, action: SiteURL.communityPersonStatus(slug, p.id).path, current: p.status,
                                                confirm: "remove-expert", name: p.name) : .empty,
                         ] },
                         empty: ctx.t("community.no-experts")),
            .if(facilitating, facilitatorPanel(ctx, m)),
            .if(!m.standing.communityArchived,
                Forms.dangerButton(ctx, action: SiteURL.communityLeave(slug).path,
                                   text: ctx.t(m.standing.role == .member ? "community.leave-firm" : "community.leave"),
                                   confirm: m.standing.role == .member ? "leave-community-firm" : "leave-community", name: m.card.name)),
        ])
    }

    /// The facilitator's panel alone, with what went wrong in it or a warning (above the size guidance).
    static func facilitatorPage(_ ctx: PageContext, _ m: CommunityOverviewPage, errors: [String: String], warning: String?,
                                status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: m.card.name, status: status, content: [
            .p(.a(.href(SiteURL.community(m.card.slug).path), .text(ctx.t("community.back")))),
            facilitatorPanel(ctx, m, errors: errors, warning: warning),
        ])
    }

    /// Suspend (or reinstate) and remove, folded behind "More"; removing asks first.
    static func statusButtons(_ ctx: PageContext, action: String, current: ParticipationStatus, confirm: String, name: String) -> Node<HTML.BodyContext> {
        Forms.more(ctx, [
            current == .active ? Forms.button(ctx, action: action, text: ctx.t("community.suspend"), hidden: [("status", "suspended")])
                               : Forms.button(ctx, action: action, text: ctx.t("community.reinstate"), hidden: [("status", "active")]),
            Forms.dangerButton(ctx, action: action, text: ctx.t("community.remove"), confirm: confirm, name: name, hidden: [("status", "former")]),
        ])
    }

    static func facilitatorPanel(_ ctx: PageContext, _ m: CommunityOverviewPage, errors: [String: String] = [:],
                                 warning: String? = nil) -> Node<HTML.BodyContext> {
        let slug = m.card.slug
        return .section(.class("facilitator"),
            .h2(.text(ctx.t("community.facilitate.heading"))),
            .p(.text(ctx.t("community.guidance", ["orgs": String(m.guidance.organisations), "experts": String(m.guidance.experts),
                                                  "open": String(m.openInvitations)]))),
            .unwrap(warning) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
            inviteForm(ctx, slug: slug, organisations: m.invitable, experts: m.experts, errors: errors),
            .h3(.text(ctx.t("community.requests"))),
            m.requests.isEmpty ? .p(.class("empty"), .text(ctx.t("community.no-requests")))
                : .ul(.forEach(m.requests) { r in
                    .li(.strong(.text(r.organisation)), .text(" — “\(r.reason)” "),
                        Forms.button(ctx, action: SiteURL.communityJoinRequestDecision(slug, r.id).path, text: ctx.t("community.approve"),
                                     hidden: [("decision", "approve")]),
                        .form(.class("inline"), .method(.post), .action(SiteURL.communityJoinRequestDecision(slug, r.id).path),
                              Forms.csrf(ctx),
                              .input(.type(.hidden), .attr("name", "decision"), .attr("value", "decline")),
                              .label(.for("reason-\(r.id.uuidString)"), .text(ctx.t("field.decline-reason"))),
                              .input(.type(.text), .attr("id", "reason-\(r.id.uuidString)"), .attr("name", "decision_reason")),
                              .button(.type(.submit), .class("secondary"), .text(ctx.t("community.decline")))))
                }),
            .p(.a(.href(SiteURL.communityEventNew(slug).path), .text(ctx.t("community.new-event"))))
        )
    }

    /// Inviting a firm or an expert into a community, with a personal message.
    static func inviteForm(_ ctx: PageContext, slug: String, organisations: [(id: UUID, name: String)], experts: [(id: UUID, name: String)],
                           errors: [String: String]) -> Node<HTML.BodyContext> {
        .group(
            .h3(.text(ctx.t("community.invite.heading"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communityInvitations(slug).path),
                Forms.csrf(ctx),
                Forms.select("organisation", label: ctx.t("field.invite-organisation"),
                             options: [("", ctx.t("community.invite.none"))] + organisations.map { ($0.id.uuidString, $0.name) },
                             selected: "", error: errors["organisation"]),
                Forms.select("expert", label: ctx.t("field.invite-expert"),
                             options: [("", ctx.t("community.invite.none"))] + experts.map { ($0.id.uuidString, $0.name) },
                             selected: "", error: errors["expert"]),
                Forms.textarea("message", label: ctx.t("field.invite-message"), value: "", error: errors["message"], required: false),
                Forms.submit(ctx.t("community.invite.submit"))
            )
        )
    }
}
