import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Members' proposals and the facilitator's decisions on them; the comparison of two versions.
struct PlanProposalController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityPlanProposals, use: list)
        routes.get(SiteURL.communityPlanProposalNew, use: newForm)
        routes.post(SiteURL.communityPlanProposals, use: create)
        routes.post(SiteURL.communityPlanProposalDecision, use: decide)
        routes.get(SiteURL.communityPlanDiff, use: diff)
    }

    static func loaded(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, PlanState) {
        let (community, standing, person, state) = try await PlanScope.load(req)
        guard let state else { throw Abort(.notFound, reason: req.t("plan.none")) }
        return (community, standing, person, state)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await Self.renderList(req, errors: [:])
    }

    static func renderList(_ req: Request, errors: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let (community, standing, _, state) = try await loaded(req)
        var page = try await PlanProposalsPage.build(try CommunityCard(community), state: state, standing: standing, on: req.db)
        page.errors = errors
        return PlanProposalsView.list(try await req.pageContext(), page, status: status)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, _, state) = try await Self.loaded(req)
        guard PlanAccess.canContribute(standing), let current = state.current else { throw Abort(.notFound, reason: req.t("plan.error.not-published")) }
        let content = try current.content()
        let measure = req.query[String.self, at: "measure"].flatMap { content.measure($0) }
        let section = measure.flatMap { content.section(of: $0.id) }
            ?? req.query[String.self, at: "section"].flatMap(PlanSectionKind.init(rawValue:)) ?? .prevent
        let page = PlanProposalFormPage(card: try CommunityCard(community), baseVersion: current.number, measure: measure, section: section,
                                        form: PlanProposalForm(kind: measure == nil ? "add" : "edit", title: measure?.title, text: measure?.text))
        return PlanProposalsView.form(try await req.pageContext(), page)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (community, standing, person, state) = try await Self.loaded(req)
        let form = try req.content.decode(PlanProposalForm.self)
        do {
            let change = try JointPlanActions.change(kind: form.kind, measure: form.measure, section: form.section, title: form.title, text: form.text)
            try await JointPlanActions.propose(state, change, reason: form.reason, baseVersion: form.base_version,
                                               standing: standing, by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            let content = try state.current?.content()
            let page = PlanProposalFormPage(card: try CommunityCard(community), baseVersion: form.base_version ?? state.current?.number ?? 0,
                                            measure: form.measure.flatMap { content?.measure($0) },
                                            section: form.section.flatMap(PlanSectionKind.init(rawValue:)) ?? .prevent,
                                            form: form, errors: failure.messages(req.localiser))
            return PlanProposalsView.form(try await req.pageContext(), page, status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.communityPlanProposals(community.slug).path, flash: "flash.plan-proposed")
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let (community, standing, person, state) = try await Self.loaded(req)
        guard let id = req.parameters.get(.proposalID, as: UUID.self),
              let proposal = try await PlanProposal.query(on: req.db).filter(\.$id == id).filter(\.$plan.$id == state.plan.requireID()).first()
        else { throw Abort(.notFound, reason: req.t("plan.error.proposal")) }
        let form = try req.content.decode(PlanDecisionForm.self)
        do {
            guard let accept = ["accept": true, "decline": false][form.decision ?? ""] else { throw ValidationFailure(field: "decision", key: "error.choose-one") }
            try await JointPlanActions.decide(proposal, accept: accept, reason: form.reason, state: state, standing: standing, by: person,
                                              ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityPlanProposals(community.slug).path,
                                flash: accept ? "flash.plan-proposal-accepted" : "flash.plan-proposal-declined")
        } catch let failure as ValidationFailure {
            return try await Self.renderList(req, errors: failure.messages(req.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func diff(req: Request) async throws -> Response {
        let (community, _, _, state) = try await Self.loaded(req)
        guard let page = try PlanDiffPage.build(try CommunityCard(community), state: state, from: req.query[Int.self, at: "from"],
                                                to: req.query[Int.self, at: "to"])
        else { throw Abort(.notFound, reason: req.t("plan.error.version")) }
        return PlanDiffView.show(try await req.pageContext(), page)
    }
}
