import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The draft of the next version: the facilitator changes measures and publishes it; members read it.
struct PlanDraftController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityPlanDraft, use: show)
        routes.post(SiteURL.communityPlanDraftMeasures, use: add)
        routes.post(SiteURL.communityPlanDraftMeasure, use: edit)
        routes.post(SiteURL.communityPlanDraftMeasureRemove, use: remove)
        routes.post(SiteURL.communityPlanPublish, use: publish)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await Self.render(req, errors: [:])
    }

    static func render(_ req: Request, errors: [String: String], summary: String = "", status: HTTPStatus = .ok) async throws -> Response {
        let (community, standing, _, state) = try await PlanScope.load(req)
        guard let state else { throw Abort(.notFound, reason: req.t("plan.none")) }
        let open = try await PlanProposal.query(on: req.db).filter(\.$plan.$id == state.plan.requireID())
            .filter(\.$status == PlanProposal.Status.open).count()
        guard var page = try PlanDraftPage.build(try CommunityCard(community), state: state, standing: standing, openProposals: open) else {
            // No draft: the facilitator starts one by changing a measure; others read the current version.
            return req.seeOther(SiteURL.communityPlan(community.slug).path)
        }
        page.errors = errors
        page.summary = summary
        return PlanDraftView.show(try await req.pageContext(), page, status: status)
    }

    /// The change, then back to the draft; refused input shows the draft with its problems.
    static func change(_ req: Request, _ change: PlanChange) async throws -> Response {
        let (community, standing, _, state) = try await PlanScope.load(req)
        guard let state else { throw Abort(.notFound, reason: req.t("plan.none")) }
        do {
            try await JointPlanActions.change(state, change, standing: standing, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            // With no draft yet, the refused change is shown on the plan page instead.
            if state.draft == nil { return try await PlanController.render(req, errors: failure.messages(req.localiser), status: .unprocessableEntity) }
            return try await render(req, errors: failure.messages(req.localiser), status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.communityPlanDraft(community.slug).path, flash: "flash.plan-draft-saved")
    }

    @Sendable func add(req: Request) async throws -> Response {
        let form = try req.content.decode(PlanMeasureForm.self)
        guard let section = form.section.flatMap(PlanSectionKind.init(rawValue:)) else {
            throw ValidationFailure(field: "section", key: "plan.error.section")
        }
        return try await Self.change(req, .add(section: section, title: form.title ?? "", text: form.text ?? ""))
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let form = try req.content.decode(PlanMeasureForm.self)
        return try await Self.change(req, .edit(measure: req.parameters.get(.measureID) ?? "", title: form.title ?? "", text: form.text ?? ""))
    }

    @Sendable func remove(req: Request) async throws -> Response {
        try await Self.change(req, .remove(measure: req.parameters.get(.measureID) ?? ""))
    }

    @Sendable func publish(req: Request) async throws -> Response {
        let (community, standing, person, state) = try await PlanScope.load(req)
        guard let state else { throw Abort(.notFound, reason: req.t("plan.none")) }
        let form = try req.content.decode(PlanPublishForm.self)
        do {
            let version = try await JointPlanActions.publish(state, summary: form.summary, isReview: form.review == "true", standing: standing,
                                                             by: person, ctx: ActionContext(req))
            try await PlanNotices.published(version, in: community, by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            return try await Self.render(req, errors: failure.messages(req.localiser), summary: form.summary ?? "", status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.communityPlan(community.slug).path, flash: "flash.plan-published")
    }
}
