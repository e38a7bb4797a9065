import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Posts reported to the facilitator: the open reports of a community, and marking one dealt with.
struct FlagController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityFlags, use: list)
        routes.post(SiteURL.communityFlagResolve, use: resolve)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        return FlagView.list(try await req.pageContext(), try await FlagListPage.build(community, on: req.db))
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        guard let id = req.parameters.get(.flagID, as: UUID.self),
              let flag = try await PostFlag.query(on: req.db).join(ConversationThread.self, on: \PostFlag.$thread.$id == \ConversationThread.$id)
                .filter(ConversationThread.self, \.$community.$id == (try community.requireID())).filter(\.$id == id).first()
        else { throw Abort(.notFound, reason: req.t("flags.not-found")) }
        flag.resolvedAt = req.now
        flag.$resolvedBy.id = person.personID
        try await flag.update(on: req.db)
        return req.seeOther(SiteURL.communityFlags(community.slug).path, flash: "flash.flag-resolved")
    }
}
