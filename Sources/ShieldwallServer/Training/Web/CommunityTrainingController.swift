import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's courses and joint sessions (its people), and holding a session (its facilitator).
struct CommunityTrainingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityTraining, use: show)
        routes.post(SiteURL.communityTraining, use: holdSession)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let page = try await CommunityTrainingPage.build(community, role: standing.role, person: person, on: req.db, now: req.now)
        return CommunityTrainingView.page(try await req.pageContext(), page)
    }

    @Sendable func holdSession(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let form = try req.content.decode(CourseActions.SessionForm.self)
        do {
            try await CourseActions.holdSession(form, in: community, role: CommunityAccess.canFacilitate(standing) ? .facilitator : nil, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityTraining(community.slug).path, flash: "flash.training-session")
        } catch let failure as ValidationFailure {
            var page = try await CommunityTrainingPage.build(community, role: standing.role, person: person, on: req.db, now: req.now)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return CommunityTrainingView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }
}
