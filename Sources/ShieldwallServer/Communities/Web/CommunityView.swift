import Foundation
import Plot
import ShieldwallCore
import Vapor

enum CommunityView {
    static func directory(_ ctx: PageContext, mine: [(CommunityCard, CommunityRole?)], listed: [CommunityCard],
                          requested: [CommunityCard]) -> Response {
        Layout.page(ctx, title: ctx.t("communities.title"), content: [
            .p(.text(ctx.t("communities.intro"))),
            .h2(.text(ctx.t("communities.mine"))),
            mine.isEmpty ? .p(.class("empty"), .text(ctx.t("communities.none-mine")))
                : .ul(.class("cards"), .forEach(mine) { card, role in
                    .li(.a(.href(SiteURL.community(card.slug).path), .text(card.name)),
                        .text(" · " + ctx.t("community.kind.\(card.kind)")),
                        .unwrap(role) { .text(" · " + ctx.t("community.role.\($0.rawValue)")) })
                }),
            .if(!requested.isEmpty, .group(
                .h2(.text(ctx.t("communities.requested"))),
                .ul(.forEach(requested) { card in
                    .li(.text(card.name + " — " + ctx.t("community.status.\(card.status.rawValue)")))
                }))),
            .h2(.text(ctx.t("communities.directory"))),
            listed.isEmpty ? .p(.class("empty"), .text(ctx.t("communities.none-listed")))
                : .ul(.class("cards"), .forEach(listed) { card in
                    .li(.a(.href(SiteURL.community(card.slug).path), .text(card.name)),
                        .text(" · " + ctx.t("community.kind.\(card.kind)")), .p(.text(card.description)))
                }),
            .p(.a(.class("button"), .href(SiteURL.communityNew.path), .text(ctx.t("communities.start")))),
        ])
    }

    static func kindOptions(_ ctx: PageContext) -> [(value: String, text: String)] {
        Community.Kind.allCases.map { ($0.rawValue, ctx.t("community.kind.\($0.rawValue)")) }
    }

    static func purposeFields(_ ctx: PageContext, form: CommunityController.PurposeForm, errors: [String: String]) -> Node<HTML.FormContext> {
        .group(
            Forms.field("name", label: ctx.t("field.community-name"), value: form.name ?? "", error: errors["name"]),
            Forms.select("kind", label: ctx.t("field.community-kind"), options: kindOptions(ctx), selected: form.kind ?? "sector",
                         error: errors["kind"]),
            Forms.textarea("description", label: ctx.t("field.community-purpose"), value: form.description ?? "",
                           error: errors["description"], hint: ctx.t("field.community-purpose-hint")),
            Forms.field("tags", label: ctx.t("field.community-tags"), value: form.tags ?? "", error: errors["tags"],
                        hint: ctx.t("field.community-tags-hint"), required: false),
            Forms.checkbox("listed", label: ctx.t("field.community-listed"), checked: form.listed == "true")
        )
    }

    static func new(_ ctx: PageContext, form: CommunityController.PurposeForm, errors: [String: String], status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("communities.new.title"), status: status, content: [
            .p(.text(ctx.t("communities.new.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communityNew.path),
                Forms.csrf(ctx),
                purposeFields(ctx, form: form, errors: errors),
                Forms.submit(ctx.t("communities.new.submit"))
            ),
        ])
    }

    static func publicCard(_ ctx: PageContext, _ card: CommunityCard, canRequest: Bool, requestPending: Bool, declinedBecause: String?,
                           errors: [String: String], status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: card.name, status: status, content: [
            .p(.text(ctx.t("community.kind.\(card.kind)") + (card.tags.isEmpty ? "" : " · " + card.tags))),
            .p(.text(card.description)),
            .unwrap(declinedBecause) { .p(.class("notice"), .text(ctx.t("community.join.declined", ["reason": $0]))) },
            requestPending ? .p(.class("notice"), .text(ctx.t("community.join.pending")))
                : canRequest ? .group(
                    .h2(.text(ctx.t("community.join.heading"))),
                    Forms.errorSummary(ctx, errors),
                    .form(.method(.post), .action(SiteURL.communityJoin(card.slug).path),
                        Forms.csrf(ctx),
                        Forms.textarea("reason", label: ctx.t("field.join-reason"), value: "", error: errors["reason"]),
                        Forms.submit(ctx.t("community.join.submit"))))
                : .p(.text(ctx.t("community.join.ask-admin"))),
        ])
    }

    static func overview(_ ctx: PageContext, _ m: CommunityOverview) -> Response {
        let slug = m.card.slug
        let facilitating = CommunityAccess.canFacilitate(m.standing)
        let active = m.firms.filter { $0.status == .active }
        return Layout.page(ctx, title: m.card.name, content: [
            .p(.class("lead"), .text(m.card.description)),
            .p(.text(ctx.t("community.kind.\(m.card.kind)") + " · " + ctx.t("community.your-role", ["role": ctx.t("community.role.\(m.standing.role?.rawValue ?? "member")")]))),
            .if(m.standing.communityArchived, .p(.class("notice"), .text(ctx.t("community.archived")))),
            .nav(.class("subnav"), .attribute(named: "aria-label", value: escapeAttribute(ctx.t("community.sections"))),
                 .ul(.li(.a(.href(SiteURL.communityDiscussions(slug).path), .text(ctx.t("community.link.discussions")))),
                     .li(.a(.href(SiteURL.communityThreats(slug).path), .text(ctx.t("community.link.threats")))),
                     .li(.a(.href(SiteURL.communityResources(slug).path), .text(ctx.t("community.link.resources")))),
                     .li(.a(.href(SiteURL.communityEvents(slug).path), .text(ctx.t("community.link.events")))),
                     .li(.a(.href(SiteURL.communityBlocklist(slug).path), .text(ctx.t("community.link.blocklist")))),
                     .li(.a(.href(SiteURL.communityCharter(slug).path), .text(ctx.t("community.link.charter")))),
                     .li(.a(.href(SiteURL.communityBenchmark(slug).path), .text(ctx.t("community.link.benchmark")))),
                     .if(facilitating, .li(.a(.href(SiteURL.communityHealth(slug).path), .text(ctx.t("community.link.health"))))),
                     .if(facilitating, .li(.a(.href(SiteURL.communityFlags(slug).path), .text(ctx.t("community.link.flags"))))))),
            .h2(.text(ctx.t("community.upcoming"))),
            m.upcoming.isEmpty ? .p(.class("empty"), .text(ctx.t("community.no-events")))
                : .ul(.forEach(m.upcoming) { e in
                    .li(.a(.href(SiteURL.communityEvent(slug, e.id).path), .text(e.title)), .text(" — " + e.localTime))
                }),
            .h2(.text(ctx.t("community.members", ["count": String(active.count)]))),
            Table.render(caption: ctx.t("community.firms"), headers: [ctx.t("field.name"), ctx.t("field.size"), ctx.t("community.standing"), ""],
                         rows: m.firms.map { firm in [
                            .text(firm.name), .text(ctx.t("size.\(firm.size)")), .text(ctx.t("community.status-\(firm.status.rawValue)")),
                            facilitating && firm.status != .former ? statusButtons(ctx, action: SiteURL.communityOrganisationStatus(slug, firm.id).path, current: firm.status) : .empty,
                         ] },
                         empty: ctx.t("community.no-firms")),
            Table.render(caption: ctx.t("community.people-with-roles"), headers: [ctx.t("field.name"), ctx.t("field.role"), ctx.t("community.standing"), ""],
                         rows: m.individuals.map { p in [
                            .text(p.name), .text(ctx.t("community.role.\(p.role.rawValue)")), .text(ctx.t("community.status-\(p.status.rawValue)")),
                            facilitating && p.role == .expert && p.status != .former ? statusButtons(ctx, action: SiteURL.communityPersonStatus(slug, p.id).path, current: p.status) : .empty,
                         ] },
                         empty: ctx.t("community.no-experts")),
            .if(facilitating, facilitatorPanel(ctx, m)),
            .if(!m.standing.communityArchived,
                Forms.button(ctx, action: SiteURL.communityLeave(slug).path,
                             text: ctx.t(m.standing.role == .member ? "community.leave-firm" : "community.leave"), danger: true)),
        ])
    }

    static func statusButtons(_ ctx: PageContext, action: String, current: ParticipationStatus) -> Node<HTML.BodyContext> {
        .group(
            current == .active ? Forms.button(ctx, action: action, text: ctx.t("community.suspend"), hidden: [("status", "suspended")])
                               : Forms.button(ctx, action: action, text: ctx.t("community.reinstate"), hidden: [("status", "active")]),
            Forms.button(ctx, action: action, text: ctx.t("community.remove"), hidden: [("status", "former")], danger: true)
        )
    }

    static func facilitatorPanel(_ ctx: PageContext, _ m: CommunityOverview, errors: [String: String] = [:],
                                 warning: String? = nil) -> Node<HTML.BodyContext> {
        let slug = m.card.slug
        return .section(.class("facilitator"),
            .h2(.text(ctx.t("community.facilitate.heading"))),
            .p(.text(ctx.t("community.guidance", ["orgs": String(m.guidance.organisations), "experts": String(m.guidance.experts),
                                                  "open": String(m.openInvitations)]))),
            .unwrap(warning) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
            InviteForm.render(ctx, slug: slug, organisations: m.invitable, experts: m.experts, errors: errors),
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

    static func charter(_ ctx: PageContext, _ card: CommunityCard, text: String, standing: CommunityStanding,
                        errors: [String: String], status: HTTPStatus = .ok) -> Response {
        let mustAccept = standing.isActiveParticipant && !standing.hasAcceptedCurrentCharter && card.charterVersion > 0
        return Layout.page(ctx, title: ctx.t("charter.title", ["community": card.name]), status: status, content: [
            .if(mustAccept, .p(.class("notice"), .text(ctx.t(standing.acceptedCharterVersion == nil ? "charter.accept-first" : "charter.changed")))),
            .p(.class("hint"), .text(ctx.t("charter.version", ["version": String(card.charterVersion)]))),
            card.charterVersion == 0 ? .p(.class("empty"), .text(ctx.t("charter.none"))) : Markdown.node(text),
            .if(mustAccept,
                .form(.method(.post), .action(SiteURL.communityCharterAccept(card.slug).path),
                      Forms.csrf(ctx),
                      .input(.type(.hidden), .attr("name", "version"), .attr("value", String(card.charterVersion))),
                      Forms.submit(ctx.t("charter.accept")))),
            .if(CommunityAccess.canFacilitate(standing), .group(
                .h2(.text(ctx.t("charter.edit"))),
                .p(.text(ctx.t("charter.edit-intro"))),
                Forms.errorSummary(ctx, errors),
                .form(.method(.post), .action(SiteURL.communityCharter(card.slug).path),
                      Forms.csrf(ctx),
                      Forms.textarea("charter", label: ctx.t("field.charter"), value: text, error: errors["charter"], rows: 20),
                      Forms.submit(ctx.t("charter.publish"))))),
        ])
    }
}

/// Inviting a firm or an expert into a community, with a personal message.
enum InviteForm {
    static func render(_ ctx: PageContext, slug: String, organisations: [(UUID, String)], experts: [(UUID, String)],
                       errors: [String: String]) -> Node<HTML.BodyContext> {
        .group(
            .h3(.text(ctx.t("community.invite.heading"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communityInvitations(slug).path),
                Forms.csrf(ctx),
                Forms.select("organisation", label: ctx.t("field.invite-organisation"),
                             options: [("", ctx.t("community.invite.none"))] + organisations.map { ($0.0.uuidString, $0.1) },
                             selected: "", error: errors["organisation"]),
                Forms.select("expert", label: ctx.t("field.invite-expert"),
                             options: [("", ctx.t("community.invite.none"))] + experts.map { ($0.0.uuidString, $0.1) },
                             selected: "", error: errors["expert"]),
                Forms.textarea("message", label: ctx.t("field.invite-message"), value: "", error: errors["message"], required: false),
                Forms.submit(ctx.t("community.invite.submit"))
            )
        )
    }
}
