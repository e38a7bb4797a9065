import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What people do through the API besides reading: ask to start a community, accept its charter, ask
/// to join, invite (facilitators), plan events (facilitators), and see who takes part.
struct CommunityActionsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(APIURL.communities, use: requestStart)
        routes.get(APIURL.communityMembers, use: members)
        routes.post(APIURL.communityCharterAcceptance, use: acceptCharter)
        routes.post(APIURL.communityJoinRequests, use: requestToJoin)
        routes.post(APIURL.communityInvitations, use: invite)
        routes.post(APIURL.communityEvents, use: createEvent)
    }

    struct NewCommunityDTO: Content {
        let name: String?
        let kind: String?
        let description: String?
        let tags: String?
        let listed: Bool?
    }

    @Sendable func requestStart(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        guard person.organisationID != nil else { throw Abort(.forbidden, reason: req.t("error.start-members-only")) }
        let body = try req.content.decode(NewCommunityDTO.self)
        let community = try await CommunityActions.requestStart(
            .init(name: body.name, kind: body.kind, description: body.description, tags: body.tags, listed: body.listed ?? true),
            by: person, ctx: ActionContext(req))
        let standing = try await CommunityStandings.standing(of: person, in: community, on: req.db)
        return try await CommunitiesAPI.dto(community, standing).encodeResponse(status: .created, for: req)
    }

    struct MemberDTO: Content {
        let kind: String
        let id: UUID
        let name: String
        let role: String
        let status: String
    }

    @Sendable func members(req: Request) async throws -> [MemberDTO] {
        let (community, standing, _) = try await CommunitiesAPI.load(req)
        try CommunitiesAPI.requireContent(req, standing)
        let id = try community.requireID()
        let firms = try await CommunityOrganisation.query(on: req.db).filter(\.$community.$id == id).with(\.$organisation).all()
            .map { MemberDTO(kind: "organisation", id: $0.$organisation.id, name: $0.organisation.name, role: "member", status: $0.status.rawValue) }
        let people = try await CommunityPerson.query(on: req.db).filter(\.$community.$id == id).with(\.$person).all()
            .map { MemberDTO(kind: "person", id: $0.$person.id, name: $0.person.displayName, role: $0.role.rawValue, status: $0.status.rawValue) }
        return firms + people
    }

    struct AcceptanceDTO: Content { let version: Int? }

    @Sendable func acceptCharter(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunitiesAPI.load(req)
        try req.require(standing.isActiveParticipant)
        try await CommunityActions.acceptCharter(community, version: try req.content.decode(AcceptanceDTO.self).version ?? -1,
                                                 by: person, ctx: ActionContext(req))
        return Response(status: .noContent)
    }

    struct JoinDTO: Content { let reason: String? }

    @Sendable func requestToJoin(req: Request) async throws -> Response {
        let (community, _, person) = try await CommunitiesAPI.load(req)
        try await MembershipActions.requestToJoin(community, reason: try req.content.decode(JoinDTO.self).reason, by: person,
                                                  ctx: ActionContext(req))
        return Response(status: .created)
    }

    struct InviteDTO: Content {
        let organisationId: UUID?
        let expertId: UUID?
        let message: String?
    }

    struct InvitedDTO: Content {
        /// Set when the group grows past its size guidance (the invitation is still sent).
        let warning: String?
        /// False when the e-mail could not be sent: the invitation stands and shows on their home page.
        let mailed: Bool
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunitiesAPI.load(req)
        try req.requireFacilitator(standing)
        let body = try req.content.decode(InviteDTO.self)
        if body.organisationId != nil && body.expertId != nil { throw ValidationFailure(field: "organisation_id", key: "error.invite-one-at-a-time") }
        let invited = try await MembershipActions.invite(to: community, organisationID: body.organisationId, expertID: body.expertId,
                                                         message: body.message, by: person, ctx: ActionContext(req))
        let english = req.shieldwall.catalogues.localiser(for: CatalogueSet.baseLanguage)
        return try await InvitedDTO(warning: invited.warning?.message(english), mailed: invited.mailed).encodeResponse(status: .created, for: req)
    }

    struct NewEventDTO: Content {
        let kind: String?
        let title: String?
        let description: String?
        let startsAt: Date?
        let endsAt: Date?
        let timeZone: String?
        let location: String?
        let capacity: Int?
    }

    @Sendable func createEvent(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunitiesAPI.load(req)
        try CommunitiesAPI.requireContent(req, standing)
        try req.requireFacilitator(standing)
        let body = try req.content.decode(NewEventDTO.self)
        // The API takes absolute times; the form code takes local ones in the event's zone.
        let zone = TimeZone(identifier: body.timeZone ?? "Europe/London")
        func local(_ date: Date?) -> String? {
            guard let date, let zone else { return nil }
            return EventActions.formatLocal(date, in: zone)
        }
        let event: CommunityEvent
        do {
            event = try await EventActions.create(in: community, .init(
                kind: body.kind, title: body.title, description: body.description, starts: local(body.startsAt), ends: local(body.endsAt),
                timeZone: body.timeZone, location: body.location, capacity: body.capacity.map(String.init)), by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            let names = ["starts": "starts_at", "ends": "ends_at"]
            throw ValidationFailure(failure.problems.map { FieldProblem(field: names[$0.field] ?? $0.field, key: $0.key, values: $0.values) })
        }
        return try await CommunitiesAPI.EventDTO(id: try event.requireID(), kind: event.kind.rawValue, title: event.title, description: event.description,
                                                 startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone,
                                                 location: event.location, capacity: event.capacity, cancelled: event.cancelled)
            .encodeResponse(status: .created, for: req)
    }
}
