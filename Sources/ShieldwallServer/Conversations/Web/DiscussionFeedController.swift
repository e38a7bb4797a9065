import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// An Atom feed of a community's new threads, at a private address: the token is the key (for feed
/// readers, which have no session), it answers only within its holder's access of today, and making a
/// new address revokes the old one.
struct DiscussionFeedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityDiscussionsFeed, use: page)
        routes.post(SiteURL.communityDiscussionsFeed, use: newAddress)
        routes.get(SiteURL.discussionsAtom, use: atom)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let (community, _, person) = try await CommunityStandings.content(req)
        let setting = try await NotificationFeed.setting(for: person.personID, on: req.db, now: req.now)
        let page = DiscussionFeedPage(card: try CommunityCard(community), address: nil, hasAddress: setting.feedTokenDigest != nil)
        return DiscussionView.feedPage(try await req.pageContext(), page)
    }

    struct AddressForm: Content { var revoke: String? }

    @Sendable func newAddress(req: Request) async throws -> Response {
        let (community, _, person) = try await CommunityStandings.content(req)
        let setting = try await NotificationFeed.setting(for: person.personID, on: req.db, now: req.now)
        let ctx = try await req.pageContext()
        if try req.content.decode(AddressForm.self).revoke == "true" {
            setting.feedTokenDigest = nil
            try await setting.update(on: req.db)
            return DiscussionView.feedPage(ctx, DiscussionFeedPage(card: try CommunityCard(community), address: nil, hasAddress: false))
        }
        let token = SecretToken.generate(prefix: "swf_")
        setting.feedTokenDigest = token.digest
        try await setting.update(on: req.db)
        let address = req.shieldwall.configuration.baseURL + SiteURL.discussionsAtom(token.value, community.slug).path
        return DiscussionView.feedPage(ctx, DiscussionFeedPage(card: try CommunityCard(community), address: address, hasAddress: true))
    }

    @Sendable func atom(req: Request) async throws -> Response {
        let token = req.parameters.get(.token) ?? ""
        guard token.count >= 20, token.count < 100, let slug = req.parameters.get(.slug),
              let setting = try await NotificationSetting.query(on: req.db).filter(\.$feedTokenDigest == SecretToken.digest(of: token)).first(),
              let holder = try await NotificationMail.recipient(setting.$person.id, on: req.db)?.0,
              let community = try await Community.query(on: req.db).filter(\.$slug == slug).first()
        else { throw Abort(.notFound, reason: req.t("error.feed-not-found")) }
        let scope = try await ConversationScope.of(holder, on: req.db)
        let communityID = try community.requireID()
        guard scope.communityIDs.contains(communityID) else { throw Abort(.notFound, reason: req.t("error.feed-not-found")) }
        let threads = try await scope.threads(on: req.db).filter(\.$community.$id == communityID).sort(\.$createdAt, .descending)
            .limit(50).with(\.$author).all()
        let base = req.shieldwall.configuration.baseURL
        let feed = AtomFeed(id: base + SiteURL.communityDiscussions(slug).path, title: req.t("discussions.title", ["community": community.name]),
                            link: base + SiteURL.communityDiscussions(slug).path, updated: threads.first?.createdAt ?? community.createdAt,
                            entries: try threads.map { t in
                                let id = try t.requireID()
                                return AtomFeed.Entry(id: "urn:uuid:\(id.uuidString.lowercased())", title: t.title,
                                               link: base + SiteURL.thread(id).path, author: t.author.displayName,
                                               updated: t.editedAt ?? t.createdAt, summary: String(t.body.prefix(500)))
                            })
        let response = Response(status: .ok, body: .init(string: feed.xml))
        response.headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return response
    }
}
