import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's benchmark page.
struct BenchmarkController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityBenchmark, use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        BenchmarkView.page(try await req.pageContext(), try await Self.page(req, person: try req.requirePerson()))
    }

    /// The benchmark of the community the request names, as `person` may see it (the API answers the same).
    static func page(_ req: Request, person: SignedIn) async throws -> BenchmarkPage {
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(CommunityAccess.canSeeContent(standing) || CommunityAccess.canSeeFigures(standing))
        if standing.isActiveParticipant && !standing.hasAcceptedCurrentCharter {
            throw Abort.redirect(to: SiteURL.communityCharter(community.slug).path)
        }
        return try await BenchmarkPage.build(community, standing: standing, viewer: person,
                                             minimumFirms: try await req.instanceSettings().benchmarkMinimumFirms, on: req.db, now: req.now)
    }
}
