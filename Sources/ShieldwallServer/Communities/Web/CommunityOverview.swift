import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Everything a community's home page shows to someone who may see its content.
struct CommunityOverview: Sendable {
    struct Firm: Sendable {
        let id: UUID
        let name: String
        let size: String
        let status: ParticipationStatus
    }

    struct Individual: Sendable {
        let id: UUID
        let name: String
        let role: CommunityRole
        let status: ParticipationStatus
    }

    struct PendingRequest: Sendable {
        let id: UUID
        let organisation: String
        let reason: String
        let at: Date
    }

    let card: CommunityCard
    let standing: CommunityStanding
    let firms: [Firm]
    let individuals: [Individual]
    let upcoming: [EventSummary]
    let requests: [PendingRequest]
    let invitable: [(UUID, String)]
    let experts: [(UUID, String)]
    let openInvitations: Int
    let guidance: SizeGuidance

    static func build(_ community: Community, standing: CommunityStanding, viewer: SignedIn, req: Request) async throws -> CommunityOverview {
        let id = try community.requireID()
        let firms = try await CommunityOrganisation.query(on: req.db).filter(\.$community.$id == id).with(\.$organisation).all()
            .map { Firm(id: $0.$organisation.id, name: $0.organisation.name, size: $0.organisation.size.rawValue,
                        status: $0.status) }
            .sorted { ($0.status.rawValue, $0.name) < ($1.status.rawValue, $1.name) }
        let individuals = try await CommunityPerson.query(on: req.db).filter(\.$community.$id == id).with(\.$person).all()
            .map { Individual(id: $0.$person.id, name: $0.person.displayName, role: $0.role,
                              status: $0.status) }
        let upcoming = try await CommunityEvent.query(on: req.db).filter(\.$community.$id == id).filter(\.$endsAt > req.now)
            .filter(\.$cancelled == false).sort(\.$startsAt).limit(5).all().map { EventSummary($0, slug: community.slug) }
        var requests: [PendingRequest] = []
        var invitable: [(UUID, String)] = []
        var experts: [(UUID, String)] = []
        var openInvitations = 0
        if CommunityAccess.canFacilitate(standing) {
            requests = try await JoinRequest.query(on: req.db).filter(\.$community.$id == id)
                .filter(\.$status == JoinRequest.Status.pending).with(\.$organisation).all()
                .map { PendingRequest(id: $0.id ?? UUID(), organisation: $0.organisation.name, reason: $0.reason, at: $0.createdAt) }
            let memberFirms = Set(firms.filter { $0.status != .former }.map(\.id))
            invitable = try await Organisation.query(on: req.db).sort(\.$name).all()
                .filter { !memberFirms.contains($0.id ?? UUID()) }.map { ($0.id ?? UUID(), $0.name) }
            let present = Set(individuals.filter { $0.status != .former }.map(\.id))
            experts = try await Person.query(on: req.db).filter(\.$organisation.$id == nil).filter(\.$isOperator == false)
                .sort(\.$displayName).all().filter { !present.contains($0.id ?? UUID()) }.map { ($0.id ?? UUID(), $0.displayName) }
            openInvitations = try await CommunityInvitation.query(on: req.db).filter(\.$community.$id == id)
                .filter(\.$status == CommunityInvitation.Status.open).filter(\.$expiresAt > req.now).count()
        }
        return CommunityOverview(card: CommunityCard(community), standing: standing, firms: firms, individuals: individuals,
                                 upcoming: upcoming, requests: requests, invitable: invitable, experts: experts,
                                 openInvitations: openInvitations, guidance: community.guidance)
    }
}

struct EventSummary: Sendable {
    let id: UUID
    let communitySlug: String
    let kind: CommunityEvent.Kind
    let title: String
    let startsAt: Date
    let endsAt: Date
    let timeZone: String
    let location: String
    let cancelled: Bool

    init(_ e: CommunityEvent, slug: String) {
        id = e.id ?? UUID(); communitySlug = slug; kind = e.kind; title = e.title; startsAt = e.startsAt; endsAt = e.endsAt
        timeZone = e.timeZone; location = e.location; cancelled = e.cancelled
    }

    /// "Tue 14 Jan 2027, 18:00–19:00 (Europe/London)"
    var localTime: String {
        let zone = TimeZone(identifier: timeZone) ?? .gmt
        let day = DateFormatter(), time = DateFormatter()
        for f in [day, time] { f.locale = Locale(identifier: "en_GB"); f.timeZone = zone }
        day.dateFormat = "EEE d MMM yyyy, HH:mm"
        time.dateFormat = "HH:mm"
        return "\(day.string(from: startsAt))–\(time.string(from: endsAt)) (\(timeZone))"
    }
}
