import Foundation
import Plot
import ShieldwallCore

enum CommunityHomeView {
    static func section(_ ctx: PageContext, _ h: CommunityHomeSection) -> Node<HTML.BodyContext> {
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
                    .li(.a(.href(SiteURL.communityCharter(c.slug).path), .text(ctx.t("home.charter-to-accept", ["community": c.name]))))
                }))),
            .if(!h.joinRequestsWaiting.isEmpty, .section(
                .ul(.forEach(h.joinRequestsWaiting) { c in
                    .li(.a(.href(SiteURL.community(c.community.slug).path), .text(ctx.t("home.join-requests", ["community": c.community.name, "count": String(c.count)]))))
                }))),
            .section(
                .h2(.text(ctx.t("home.communities"))),
                h.communities.isEmpty
                    ? .p(.text(ctx.t("home.no-communities")), .text(" "), .a(.href(SiteURL.communities.path), .text(ctx.t("home.find-community"))))
                    : .group(
                        .ul(.forEach(h.communities) { c in
                            .li(.a(.href(SiteURL.community(c.community.slug).path), .text(c.community.name)),
                                .text(" · " + ctx.t("community.role.\(c.role.rawValue)")))
                        }),
                        .if(h.communityCount > h.communities.count,
                            .p(.a(.id("all-communities"), .href(SiteURL.communities.path),
                                  .text(ctx.t("home.all-communities", ["count": String(h.communityCount)]))))))),
            .if(!h.nextEvents.isEmpty, .section(
                .h2(.text(ctx.t("home.next-events"))),
                .ul(.forEach(h.nextEvents) { e, community in
                    .li(.a(.href(SiteURL.communityEvent(e.communitySlug, e.id).path), .text(e.title)), .text(" — \(community) — " + e.localTime))
                })))
        )
    }
}
