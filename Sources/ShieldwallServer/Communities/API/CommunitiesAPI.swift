import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// `/api/v1/communities`: the caller's communities, their events and answers, and health figures.
/// The same standings and rules as the pages decide what is visible.
struct CommunitiesAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.communities, use: list)
        routes.get(APIURL.community, use: show)
        routes.get(APIURL.communityEvents, use: events)
        routes.post(APIURL.communityEventRSVP, use: rsvp)
        routes.get(APIURL.communityHealth, use: health)
    }

    struct CommunityDTO: Content {
        let id: UUID
        let slug: String
        let name: String
        let kind: String
        let description: String
        let status: String
        let listed: Bool
        let charterVersion: Int
        /// The caller's part: `facilitator`, `expert`, `member` or null.
        let role: String?
        let charterAccepted: Bool
        /// For operators only, as on their console: counts, never content.
        var figures: FiguresDTO?
    }

    struct FiguresDTO: Content {
        let activeOrganisations: Int
        let activeExperts: Int
        let activePeopleLast30Days: Int
        let eventsHeld: Int
    }

    struct EventDTO: Content {
        let id: UUID
        let kind: String
        let title: String
        let description: String
        let startsAt: Date
        let endsAt: Date
        let timeZone: String
        let location: String
        let capacity: Int?
        let cancelled: Bool
    }

    struct RSVPDTO: Content { let answer: String? }

    struct HealthDTO: Content {
        let activeOrganisations: Int
        let activeExperts: Int
        let guidanceOrganisations: Int
        let guidanceExperts: Int
        let openInvitations: Int
        let activePeopleLast30Days: Int
        let eventsHeld: Int
        let attendanceRate: Double?
        let funnel: [String: Int]
        /// Conversations over the last 90 days.
        let questionsAsked: Int
        let shareAnswered: Double?
        let medianHoursToExpertAnswer: Double?
        let activePosters: Int
    }

    static func dto(_ c: Community, _ s: CommunityStanding) throws -> CommunityDTO {
        CommunityDTO(id: try c.requireID(), slug: c.slug, name: c.name, kind: c.kind.rawValue, description: c.description, status: c.status.rawValue,
                     listed: c.listed, charterVersion: c.charterVersion, role: s.isActiveParticipant ? s.role?.rawValue : nil,
                     charterAccepted: s.hasAcceptedCurrentCharter)
    }

    /// The caller's communities; for an operator every community, with the figures their console shows.
    @Sendable func list(req: Request) async throws -> CursorPage<CommunityDTO> {
        let person = try req.requireAPIPerson()
        let query = Community.query(on: req.db)
        if !person.viewer.isOperator {
            query.filter(\.$id ~~ Array(try await CommunityStandings.activeCommunityIDs(of: person, on: req.db).keys))
        }
        let page = try await PageRequest(req).fetch(query) { $0 }
        var items: [CommunityDTO] = []
        for c in page.items {
            var dto = try Self.dto(c, try await CommunityStandings.standing(of: person, in: c, on: req.db))
            if person.viewer.isOperator, [.active, .setup, .archived].contains(c.status) {
                let f = try await HealthReport.figures(for: c, on: req.db, now: req.now)
                dto.figures = FiguresDTO(activeOrganisations: f.activeOrganisations, activeExperts: f.activeExperts,
                                         activePeopleLast30Days: f.activePeopleLast30Days, eventsHeld: f.eventsHeld)
            }
            items.append(dto)
        }
        return CursorPage(items: items, nextCursor: page.nextCursor)
    }

    static func load(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn) {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(standing.isActiveParticipant || standing.isOperator || (community.listed && community.status == .active))
        return (community, standing, person)
    }

    static func requireContent(_ req: Request, _ standing: CommunityStanding) throws {
        if CommunityAccess.canSeeContent(standing) { return }
        if standing.isActiveParticipant {
            throw Refusal(.forbidden, "charter.error.accept-first", ["version": String(standing.currentCharterVersion)])
        }
        throw Abort(.notFound, reason: req.t("error.community-not-found"))
    }

    @Sendable func show(req: Request) async throws -> CommunityDTO {
        let (community, standing, _) = try await Self.load(req)
        return try Self.dto(community, standing)
    }

    @Sendable func events(req: Request) async throws -> CursorPage<EventDTO> {
        let (community, standing, _) = try await Self.load(req)
        try Self.requireContent(req, standing)
        let page = try await PageRequest(req).fetch(CommunityEvent.query(on: req.db).filter(\.$community.$id == community.requireID())) { e in
            EventDTO(id: try e.requireID(), kind: e.kind.rawValue, title: e.title, description: e.description, startsAt: e.startsAt, endsAt: e.endsAt,
                     timeZone: e.timeZone, location: e.location, capacity: e.capacity, cancelled: e.cancelled)
        }
        return page.response
    }

    @Sendable func rsvp(req: Request) async throws -> Response {
        let (community, standing, person) = try await Self.load(req)
        try Self.requireContent(req, standing)
        try req.require(CommunityAccess.canParticipate(standing))
        let event = try await EventController.event(req, in: community)
        try await EventActions.respond(to: event, answer: try req.content.decode(RSVPDTO.self).answer, by: person, ctx: ActionContext(req))
        return Response(status: .noContent)
    }

    @Sendable func health(req: Request) async throws -> HealthDTO {
        let (community, standing, _) = try await Self.load(req)
        try req.require(CommunityAccess.canSeeFigures(standing))
        let f = try await HealthReport.figures(for: community, on: req.db, now: req.now)
        let c = try await req.shieldwall.links.conversationFigures.figures(for: try community.requireID(), on: req.db, now: req.now)
        return HealthDTO(activeOrganisations: f.activeOrganisations, activeExperts: f.activeExperts,
                         guidanceOrganisations: community.guidanceOrganisations, guidanceExperts: community.guidanceExperts,
                         openInvitations: f.openInvitations, activePeopleLast30Days: f.activePeopleLast30Days, eventsHeld: f.eventsHeld,
                         attendanceRate: f.attendanceRate,
                         funnel: ["invited": f.funnel.invited, "joined": f.funnel.joined, "charter_accepted": f.funnel.charterAccepted,
                                  "active": f.funnel.active],
                         questionsAsked: c.questionsAsked, shareAnswered: c.shareAnswered, medianHoursToExpertAnswer: c.medianHoursToExpertAnswer,
                         activePosters: c.activePosters)
    }
}
