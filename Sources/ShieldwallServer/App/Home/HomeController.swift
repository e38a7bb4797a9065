import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The first page: what Shieldwall is for visitors, the person's own start page once signed in.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home, use: home)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let ctx = try await req.pageContext()
        guard let person = req.signedIn, person.isFullySignedIn else { return HomeView.visitor(ctx) }
        if person.mustEnrolMFA { return req.seeOther(SiteURL.accountMFA.path) }
        return HomeView.person(ctx, try await HomePage.build(for: person, firm: req.signedInFirm, on: req.db, now: req.now))
    }
}
