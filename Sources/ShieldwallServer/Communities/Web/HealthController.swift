import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Community health for the facilitator and operators: figures and a chart, never content.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityHealth, use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        _ = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(CommunityAccess.canSeeFigures(standing))
        let page = try await HealthPage.build(community, standing: standing, conversations: req.shieldwall.links.conversationFigures,
                                              plans: req.shieldwall.links.planFigures,
                                              on: req.db, now: req.now)
        return HealthView.show(try await req.pageContext(), page)
    }
}
