import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The community's plan through the API: versions and diffs for members, the draft and publishing for the
/// facilitator. Every route reads the plan through `PlanScope` and acts through `JointPlanActions`.
struct PlanAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.communityPlan, use: show)
        routes.post(APIURL.communityPlan, use: start)
        routes.patch(APIURL.communityPlan, use: schedule)
        routes.get(APIURL.communityPlanVersion, use: version)
        routes.get(APIURL.communityPlanDiff, use: diff)
        routes.post(APIURL.communityPlanDraftChanges, use: change)
        routes.post(APIURL.communityPlanPublish, use: publish)
        routes.get(APIURL.communityPlanReviews, use: reviews)
        routes.post(APIURL.communityPlanReviews, use: recordReview)
        routes.get(APIURL.communityPlanProposals, use: proposals)
        routes.post(APIURL.communityPlanProposals, use: propose)
        routes.post(APIURL.communityPlanProposalDecision, use: decide)
    }

    @Sendable func show(req: Request) async throws -> PlanDTOs.Plan {
        try PlanDTOs.plan(try await PlanScope.loadAPI(req).3)
    }

    @Sendable func start(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(PlanAccess.canRead(standing))
        try await JointPlanActions.start(community, standing: standing, by: person, ctx: ActionContext(req))
        guard let state = try await PlanScope.state(of: community.requireID(), on: req.db) else { throw Abort(.notFound, reason: req.t("plan.none")) }
        return try await PlanDTOs.plan(state).encodeResponse(status: .created, for: req)
    }

    struct ScheduleBody: Content {
        var reviewEveryMonths: Int?
        var nextReviewOn: String?
    }

    @Sendable func schedule(req: Request) async throws -> PlanDTOs.Plan {
        let (community, standing, _, state) = try await PlanScope.loadAPI(req)
        let body = try req.content.decode(ScheduleBody.self)
        try await JointPlanActions.schedule(state, everyMonths: body.reviewEveryMonths, nextReviewOn: body.nextReviewOn, standing: standing,
                                            ctx: ActionContext(req))
        return try PlanDTOs.plan(try await Self.fresh(community, req))
    }

    @Sendable func version(req: Request) async throws -> PlanDTOs.Version {
        let (_, _, _, state) = try await PlanScope.loadAPI(req)
        guard let number = req.parameters.get(.number, as: Int.self), let version = state.version(number) else {
            throw Abort(.notFound, reason: req.t("plan.error.version"))
        }
        return try PlanDTOs.version(version)
    }

    @Sendable func diff(req: Request) async throws -> PlanDTOs.Diff {
        let (community, _, _, state) = try await PlanScope.loadAPI(req)
        guard let page = try PlanDiffPage.build(try CommunityCard(community), state: state, from: req.query[Int.self, at: "from"],
                                                to: req.query[Int.self, at: "to"])
        else { throw Abort(.notFound, reason: req.t("plan.error.version")) }
        return PlanDTOs.diff(page)
    }

    struct ChangeBody: Content {
        /// `edit`, `add` or `remove`.
        var kind: String?
        var measure: String?
        var section: String?
        var title: String?
        var text: String?
        var reason: String?
        var baseVersion: Int?
    }

    static func change(_ body: ChangeBody) throws -> PlanChange {
        try JointPlanActions.change(kind: body.kind, measure: body.measure, section: body.section, title: body.title, text: body.text)
    }

    @Sendable func change(req: Request) async throws -> PlanDTOs.Version {
        let (community, standing, _, state) = try await PlanScope.loadAPI(req)
        try await JointPlanActions.change(state, try Self.change(try req.content.decode(ChangeBody.self)), standing: standing, ctx: ActionContext(req))
        guard let draft = try await Self.fresh(community, req).draft else { throw Abort(.notFound, reason: req.t("plan.error.no-draft")) }
        return try PlanDTOs.version(draft)
    }

    struct PublishBody: Content {
        var summary: String?
        var review: Bool?
    }

    @Sendable func publish(req: Request) async throws -> PlanDTOs.Version {
        let (community, standing, person, state) = try await PlanScope.loadAPI(req)
        let body = try req.content.decode(PublishBody.self)
        let version = try await JointPlanActions.publish(state, summary: body.summary, isReview: body.review ?? false, standing: standing,
                                                         by: person, ctx: ActionContext(req))
        try await PlanNotices.published(version, in: community, by: person, ctx: ActionContext(req))
        return try PlanDTOs.version(version)
    }

    @Sendable func reviews(req: Request) async throws -> [PlanDTOs.Review] {
        let (_, _, _, state) = try await PlanScope.loadAPI(req)
        return try await PlanReview.query(on: req.db).filter(\.$plan.$id == state.plan.requireID()).sort(\.$heldOn, .descending).all()
            .map { PlanDTOs.Review(heldOn: $0.heldOn, version: $0.version, summary: $0.summary) }
    }

    struct ReviewBody: Content { var summary: String? }

    @Sendable func recordReview(req: Request) async throws -> Response {
        let (community, standing, person, state) = try await PlanScope.loadAPI(req)
        try await JointPlanActions.recordReview(state, summary: try req.content.decode(ReviewBody.self).summary, standing: standing, by: person,
                                                ctx: ActionContext(req))
        return try await PlanDTOs.plan(try await Self.fresh(community, req)).encodeResponse(status: .created, for: req)
    }

    @Sendable func proposals(req: Request) async throws -> [PlanDTOs.Proposal] {
        let (_, _, _, state) = try await PlanScope.loadAPI(req)
        return try await PlanProposal.query(on: req.db).filter(\.$plan.$id == state.plan.requireID()).with(\.$author)
            .sort(\.$createdAt, .descending).all().map(PlanDTOs.proposal)
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let (_, standing, person, state) = try await PlanScope.loadAPI(req)
        let body = try req.content.decode(ChangeBody.self)
        let proposal = try await JointPlanActions.propose(state, try Self.change(body), reason: body.reason, baseVersion: body.baseVersion,
                                                          standing: standing, by: person, ctx: ActionContext(req))
        try await proposal.$author.load(on: req.db)
        return try await PlanDTOs.proposal(proposal).encodeResponse(status: .created, for: req)
    }

    struct DecisionBody: Content {
        var accept: Bool?
        var reason: String?
    }

    @Sendable func decide(req: Request) async throws -> PlanDTOs.Proposal {
        let (_, standing, person, state) = try await PlanScope.loadAPI(req)
        guard let id = req.parameters.get(.proposalID, as: UUID.self),
              let proposal = try await PlanProposal.query(on: req.db).filter(\.$id == id).filter(\.$plan.$id == state.plan.requireID())
                .with(\.$author).first()
        else { throw Abort(.notFound, reason: req.t("plan.error.proposal")) }
        let body = try req.content.decode(DecisionBody.self)
        guard let accept = body.accept else { throw ValidationFailure(field: "accept", key: "error.required") }
        try await JointPlanActions.decide(proposal, accept: accept, reason: body.reason, state: state, standing: standing, by: person,
                                          ctx: ActionContext(req))
        return try PlanDTOs.proposal(proposal)
    }

    static func fresh(_ community: Community, _ req: Request) async throws -> PlanState {
        guard let state = try await PlanScope.state(of: community.requireID(), on: req.db) else { throw Abort(.notFound, reason: req.t("plan.none")) }
        return state
    }
}
