import Fluent
import Foundation
import ShieldwallCore

/// Everything a community's home page shows to someone who may see its content; for the facilitator, also
/// what waits on them (join requests, whom they could invite).
struct CommunityOverviewPage: Sendable {
    struct Firm: Sendable {
        let id: UUID
        let name: String
        let size: OrganisationSize
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
    let invitable: [(id: UUID, name: String)]
    let experts: [(id: UUID, name: String)]
    let openInvitations: Int
    let guidance: SizeGuidance

    var isFacilitating: Bool { CommunityAccess.canFacilitate(standing) }

    static func build(_ community: Community, standing: CommunityStanding, on db: any Database, now: Date) async throws -> CommunityOverviewPage {
        let id = try community.requireID()
        let firms = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == id).with(\.$organisation).all()
            .map { Firm(id: $0.$organisation.id, name: $0.organisation.name, size: $0.organisation.size, status: $0.status) }
            .sorted { ($0.status.rawValue, $0.name) < ($1.status.rawValue, $1.name) }
        let individuals = try await CommunityPerson.query(on: db).filter(\.$community.$id == id).with(\.$person).all()
            .map { Individual(id: $0.$person.id, name: $0.person.displayName, role: $0.role, status: $0.status) }
        let upcoming = try await CommunityEvent.query(on: db).filter(\.$community.$id == id).filter(\.$endsAt > now)
            .filter(\.$cancelled == false).sort(\.$startsAt).limit(5).all().map { try EventSummary($0, slug: community.slug) }
        var requests: [PendingRequest] = []
        var invitable: [(id: UUID, name: String)] = [], experts: [(id: UUID, name: String)] = []
        var openInvitations = 0
        if CommunityAccess.canFacilitate(standing) {
            requests = try await JoinRequest.query(on: db).filter(\.$community.$id == id).filter(\.$status == .pending).with(\.$organisation).all()
                .map { PendingRequest(id: try $0.requireID(), organisation: $0.organisation.name, reason: $0.reason, at: $0.createdAt) }
            let memberFirms = Set(firms.filter { $0.status != .former }.map(\.id))
            invitable = try await Organisation.query(on: db).sort(\.$name).all().map { (try $0.requireID(), $0.name) }
                .filter { !memberFirms.contains($0.0) }
            let present = Set(individuals.filter { $0.status != .former }.map(\.id))
            experts = try await Person.query(on: db).filter(\.$organisation.$id == nil).filter(\.$isOperator == false)
                .sort(\.$displayName).all().map { (try $0.requireID(), $0.displayName) }.filter { !present.contains($0.0) }
            openInvitations = try await CommunityInvitation.query(on: db).filter(\.$community.$id == id)
                .filter(\.$status == .open).filter(\.$expiresAt > now).count()
        }
        return CommunityOverviewPage(card: try CommunityCard(community), standing: standing, firms: firms, individuals: individuals,
                                     upcoming: upcoming, requests: requests, invitable: invitable, experts: experts,
                                     openInvitations: openInvitations, guidance: community.guidance)
    }
}
