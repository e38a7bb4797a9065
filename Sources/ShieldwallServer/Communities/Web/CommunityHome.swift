import Fluent
import Foundation
import Plot
import ShieldwallCore
import Vapor

/// The community part of a person's home page: their communities, next events, invitations waiting
/// for their answer and things waiting on them as facilitator.
struct CommunityHome: Sendable {
    struct Invitation: Sendable {
        let id: UUID
        let community: String
        let forFirm: Bool
        let message: String
    }

    let communities: [(String, String, CommunityRole)]
    let nextEvents: [(EventSummary, String)]
    let invitations: [Invitation]
    let charterToAccept: [(String, String)]
    let joinRequestsWaiting: [(String, String, Int)]

    static func build(for person: SignedIn, req: Request) async throws -> CommunityHome {
        let ctx = ActionContext(req)
        let roles = try await CommunityStandings.activeCommunityIDs(of: person, on: req.db)
        let communities = roles.isEmpty ? [] : try await Community.query(on: req.db).filter(\.$id ~~ Array(roles.keys))
            .filter(\.$status ~~ [Community.Status.active, Community.Status.setup, Community.Status.archived])
            .sort(\.$name).all()
        var visible: [Community] = []
        var charter: [(String, String)] = []
        var waiting: [(String, String, Int)] = []
        for c in communities {
            let standing = try await CommunityStandings.standing(of: person, in: c, on: req.db)
            if CommunityAccess.canSeeContent(standing) { visible.append(c) }
            else if standing.isActiveParticipant && c.charterVersion > 0 { charter.append((c.name, c.slug)) }
            if CommunityAccess.canFacilitate(standing) {
                let n = try await JoinRequest.query(on: req.db).filter(\.$community.$id == c.requireID())
                    .filter(\.$status == JoinRequest.Status.pending).count()
                if n > 0 { waiting.append((c.name, c.slug, n)) }
            }
        }
        let ids = visible.compactMap(\.id)
        let bySlug = Dictionary(uniqueKeysWithValues: visible.compactMap { c in c.id.map { ($0, c) } })
        let events = ids.isEmpty ? [] : try await CommunityEvent.query(on: req.db).filter(\.$community.$id ~~ ids)
            .filter(\.$endsAt > req.now).filter(\.$cancelled == false).sort(\.$startsAt).limit(5).all()
        let invitations = try await MembershipActions.pendingInvitations(for: person, ctx: ctx).map {
            Invitation(id: $0.id ?? UUID(), community: $0.community.name, forFirm: $0.$organisation.id != nil, message: $0.message)
        }
        return CommunityHome(
            communities: communities.map { ($0.name, $0.slug, roles[$0.id ?? UUID()] ?? .member) },
            nextEvents: events.compactMap { e in bySlug[e.$community.id].map { (EventSummary(e, slug: $0.slug), $0.name) } },
            invitations: invitations, charterToAccept: charter, joinRequestsWaiting: waiting)
    }
}

enum CommunityHomeView {
    static func render(_ ctx: PageContext, _ h: CommunityHome) -> Node<HTML.BodyContext> {
        .group(
            .if(!h.invitations.isEmpty, .section(.class("notice"),
                .h2(.text(ctx.t("home.community-invitations"))),
                .ul(.id("community-invitations"), .forEach(h.invitations) { inv in
                    .li(.text(ctx.t(inv.forFirm ? "home.invitation-firm" : "home.invitation-expert", ["community": inv.community])),
                        .if(!inv.message.isEmpty, .p(.text("“\(inv.message)”"))),
                        Forms.button(ctx, action: SiteURL.communityInvitationAnswer(inv.id).path, text: ctx.t("home.invitation-accept"),
                                     hidden: [("answer", "accept")]),
                        Forms.button(ctx, action: SiteURL.communityInvitationAnswer(inv.id).path, text: ctx.t("home.invitation-decline"),
                                     hidden: [("answer", "decline")]))
                }))),
            .if(!h.charterToAccept.isEmpty, .section(.class("notice"),
                .ul(.forEach(h.charterToAccept) { c in
                    .li(.a(.href(SiteURL.communityCharter(c.1).path), .text(ctx.t("home.charter-to-accept", ["community": c.0]))))
                }))),
            .if(!h.joinRequestsWaiting.isEmpty, .section(
                .ul(.forEach(h.joinRequestsWaiting) { c in
                    .li(.a(.href(SiteURL.community(c.1).path), .text(ctx.t("home.join-requests", ["community": c.0, "count": String(c.2)]))))
                }))),
            .section(
                .h2(.text(ctx.t("home.communities"))),
                h.communities.isEmpty
                    ? .p(.text(ctx.t("home.no-communities")), .text(" "), .a(.href(SiteURL.communities.path), .text(ctx.t("home.find-community"))))
                    : .ul(.forEach(h.communities) { c in
                        .li(.a(.href(SiteURL.community(c.1).path), .text(c.0)), .text(" · " + ctx.t("community.role.\(c.2.rawValue)")))
                    })),
            .if(!h.nextEvents.isEmpty, .section(
                .h2(.text(ctx.t("home.next-events"))),
                .ul(.forEach(h.nextEvents) { e, community in
                    .li(.a(.href(SiteURL.communityEvent(e.communitySlug, e.id).path), .text(e.title)), .text(" — \(community) — " + e.localTime))
                })))
        )
    }
}
