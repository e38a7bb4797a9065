import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// How the plan applies to the viewer's own firm; the firm's admin changes it and turns measures into actions.
struct FirmPlanController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityPlanFirm, use: show)
        routes.post(SiteURL.communityPlanFirmMeasure, use: save)
        routes.post(SiteURL.communityPlanFirmAction, use: makeAction)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await Self.render(req, errors: [:], failedMeasure: nil)
    }

    static func render(_ req: Request, errors: [String: String], failedMeasure: String?, status: HTTPStatus = .ok) async throws -> Response {
        let (community, _, person, state) = try await PlanProposalController.loaded(req)
        guard let org = person.organisationID, PlanAccess.canSeeFirmPart(firm: org.uuidString, viewer: person.viewer),
              try await CommunityStandings.firmTakesPart(person, in: community.requireID(), on: req.db),
              let firm = try await Organisation.find(org, on: req.db),
              var page = try await FirmPlanPage.build(try CommunityCard(community), state: state, firm: firm, viewer: person, on: req.db)
        else { throw Abort(.notFound, reason: req.t("plan.error.not-published")) }
        page.errors = errors
        page.failedMeasure = failedMeasure
        return FirmPlanView.show(try await req.pageContext(), page, status: status)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let (community, _, person, state) = try await PlanProposalController.loaded(req)
        let measure = req.parameters.get(.measureID) ?? ""
        let form = try req.content.decode(FirmMeasureForm.self)
        do {
            try await JointPlanActions.setMeasure(state, measure: measure, status: form.status, note: form.note, communityID: community.requireID(),
                                                  by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            return try await Self.render(req, errors: failure.messages(req.localiser), failedMeasure: measure, status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.communityPlanFirm(community.slug).path + "#measure-\(measure)", flash: "flash.plan-firm-saved")
    }

    @Sendable func makeAction(req: Request) async throws -> Response {
        let (community, _, person, state) = try await PlanProposalController.loaded(req)
        let measure = req.parameters.get(.measureID) ?? ""
        let actionID: UUID
        do {
            actionID = try await JointPlanActions.measureToAction(state, measure: measure, communityID: community.requireID(), by: person,
                                                                  ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            return try await Self.render(req, errors: failure.messages(req.localiser), failedMeasure: measure, status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.action(actionID).path, flash: "flash.plan-action-made")
    }
}
