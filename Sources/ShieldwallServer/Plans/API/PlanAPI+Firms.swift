import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Comments, signatures and each firm's own part in the plan, through the API.
struct PlanFirmsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.communityPlanComments, use: comments)
        routes.post(APIURL.communityPlanComments, use: comment)
        routes.get(APIURL.communityPlanSignatures, use: signatures)
        routes.post(APIURL.communityPlanSignatures, use: sign)
        routes.get(APIURL.communityPlanFirm, use: firm)
        routes.put(APIURL.communityPlanFirmMeasure, use: setMeasure)
        routes.post(APIURL.communityPlanFirmAction, use: makeAction)
    }

    @Sendable func comments(req: Request) async throws -> [PlanDTOs.Comment] {
        let (_, _, _, state) = try await PlanScope.loadAPI(req)
        let planID = try state.plan.requireID()
        var query = PlanComment.query(on: req.db).filter(\.$plan.$id == planID)
        if let raw = req.query[String.self, at: "version"] {
            guard let version = Int(raw), version >= 1 else { throw Refusal(.badRequest, "plan.error.version-parameter") }
            query = query.filter(\.$version == version)
        }
        return try await query.with(\.$author).sort(\.$createdAt).all().map { c in
            PlanDTOs.Comment(id: try c.requireID(), version: c.version, section: c.section.rawValue, body: c.body, author: c.author.displayName,
                             createdAt: c.createdAt)
        }
    }

    struct CommentBody: Content {
        var version: Int?
        var section: String?
        var body: String?
    }

    @Sendable func comment(req: Request) async throws -> HTTPStatus {
        let (_, standing, person, state) = try await PlanScope.loadAPI(req)
        let body = try req.content.decode(CommentBody.self)
        try await JointPlanActions.comment(state, version: body.version, section: body.section, body: body.body, standing: standing, by: person,
                                           ctx: ActionContext(req))
        return .created
    }

    @Sendable func signatures(req: Request) async throws -> [PlanDTOs.Signature] {
        let (community, _, _, state) = try await PlanScope.loadAPI(req)
        guard let current = state.current else { return [] }
        return try await PlanScope.signatures(of: state.plan, communityID: community.requireID(), on: req.db).map { firm, signed in
            PlanDTOs.Signature(organisation: firm.name, signedVersion: signed,
                               state: PlanDTOs.state(PlanSignOff.state(signed: signed, current: current.number)).0)
        }
    }

    struct SignBody: Content { var version: Int? }

    @Sendable func sign(req: Request) async throws -> HTTPStatus {
        let (community, standing, person, state) = try await PlanScope.loadAPI(req)
        try await JointPlanActions.sign(state, version: try req.content.decode(SignBody.self).version, communityID: community.requireID(),
                                        standing: standing, by: person, ctx: ActionContext(req))
        return .created
    }

    /// The viewer's own firm's part: 404 for anyone whose firm does not take part.
    @Sendable func firm(req: Request) async throws -> PlanDTOs.FirmPlan {
        let (community, _, person, state) = try await PlanScope.loadAPI(req)
        guard let org = person.organisationID, PlanAccess.canSeeFirmPart(firm: org.uuidString, viewer: person.viewer),
              try await CommunityStandings.firmTakesPart(person, in: community.requireID(), on: req.db),
              let firm = try await Organisation.find(org, on: req.db),
              let page = try await FirmPlanPage.build(try CommunityCard(community), state: state, firm: firm, viewer: person, on: req.db)
        else { throw Abort(.notFound, reason: req.t("plan.error.not-published")) }
        return PlanDTOs.FirmPlan(organisation: page.firm, version: page.version, measures: page.rows.map { r in
            PlanDTOs.FirmMeasure(measureId: r.measure.id, section: r.section.rawValue, title: r.measure.title, status: r.adoption?.status,
                                 note: r.adoption?.note ?? "", actionId: r.actionID)
        })
    }

    struct MeasureBody: Content {
        var status: String?
        var note: String?
    }

    @Sendable func setMeasure(req: Request) async throws -> HTTPStatus {
        let (community, _, person, state) = try await PlanScope.loadAPI(req)
        let body = try req.content.decode(MeasureBody.self)
        try await JointPlanActions.setMeasure(state, measure: req.parameters.get(.measureID) ?? "", status: body.status, note: body.note,
                                              communityID: community.requireID(), by: person, ctx: ActionContext(req))
        return .noContent
    }

    struct ActionDTO: Content { let actionId: UUID }

    @Sendable func makeAction(req: Request) async throws -> Response {
        let (community, _, person, state) = try await PlanScope.loadAPI(req)
        let id = try await JointPlanActions.measureToAction(state, measure: req.parameters.get(.measureID) ?? "", communityID: community.requireID(),
                                                            by: person, ctx: ActionContext(req))
        return try await ActionDTO(actionId: id).encodeResponse(status: .created, for: req)
    }
}
