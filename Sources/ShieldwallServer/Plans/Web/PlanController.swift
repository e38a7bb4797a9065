import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The community's plan page: reading a version, starting the plan, comments, signing for a firm, reviews.
struct PlanController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityPlan, use: show)
        routes.post(SiteURL.communityPlanStart, use: start)
        routes.post(SiteURL.communityPlanComments, use: comment)
        routes.post(SiteURL.communityPlanSign, use: sign)
        routes.post(SiteURL.communityPlanReview, use: review)
        routes.post(SiteURL.communityPlanSchedule, use: schedule)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await Self.render(req, errors: [:])
    }

    /// The plan page, with the problems of a form that was refused.
    static func render(_ req: Request, errors: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let (community, standing, person, state) = try await PlanScope.load(req)
        var page = try await PlanPage.build(community, state: state, standing: standing, viewer: person,
                                            version: req.query[Int.self, at: "version"], on: req.db)
        page.kpis = try await req.shieldwall.links.planKPIs.agreed(community: try community.requireID(), localiser: req.localiser, on: req.db)
        page.errors = errors
        return PlanView.show(try await req.pageContext(), page, status: status)
    }

    /// Runs a form's action, then back to the plan page with `flash`; refused input shows the page with its problems.
    static func act(_ req: Request, flash: String, _ action: (Community, CommunityStanding, SignedIn, PlanState) async throws -> Void) async throws -> Response {
        let (community, standing, person, state) = try await PlanScope.load(req)
        guard let state else { throw Abort(.notFound, reason: req.t("plan.none")) }
        do {
            try await action(community, standing, person, state)
            return req.seeOther(SiteURL.communityPlan(community.slug).path, flash: flash)
        } catch let failure as ValidationFailure {
            return try await render(req, errors: failure.messages(req.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func start(req: Request) async throws -> Response {
        let (community, standing, person, _) = try await PlanScope.load(req)
        do {
            try await JointPlanActions.start(community, standing: standing, by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            return try await Self.render(req, errors: failure.messages(req.localiser), status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.communityPlanDraft(community.slug).path, flash: "flash.plan-started")
    }

    struct CommentForm: Content {
        var version: Int?
        var section: String?
        var body: String?
    }

    @Sendable func comment(req: Request) async throws -> Response {
        let form = try req.content.decode(CommentForm.self)
        return try await Self.act(req, flash: "flash.plan-commented") { _, standing, person, state in
            try await JointPlanActions.comment(state, version: form.version, section: form.section, body: form.body,
                                               standing: standing, by: person, ctx: ActionContext(req))
        }
    }

    struct SignForm: Content { var version: Int? }

    @Sendable func sign(req: Request) async throws -> Response {
        let form = try req.content.decode(SignForm.self)
        return try await Self.act(req, flash: "flash.plan-signed") { community, standing, person, state in
            try await JointPlanActions.sign(state, version: form.version, communityID: community.requireID(), standing: standing,
                                            by: person, ctx: ActionContext(req))
        }
    }

    struct ReviewForm: Content { var summary: String? }

    @Sendable func review(req: Request) async throws -> Response {
        let form = try req.content.decode(ReviewForm.self)
        return try await Self.act(req, flash: "flash.plan-reviewed") { _, standing, person, state in
            try await JointPlanActions.recordReview(state, summary: form.summary, standing: standing, by: person, ctx: ActionContext(req))
        }
    }

    struct ScheduleForm: Content {
        var review_every_months: Int?
        var next_review_on: String?
    }

    @Sendable func schedule(req: Request) async throws -> Response {
        let form = try req.content.decode(ScheduleForm.self)
        return try await Self.act(req, flash: "flash.plan-scheduled") { _, standing, _, state in
            try await JointPlanActions.schedule(state, everyMonths: form.review_every_months, nextReviewOn: form.next_review_on,
                                                standing: standing, ctx: ActionContext(req))
        }
    }
}
