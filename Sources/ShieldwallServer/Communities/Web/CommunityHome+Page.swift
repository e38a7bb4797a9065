import Fluent
import Foundation
import ShieldwallCore

/// The community part of a person's home page: their communities, next events, invitations waiting for their
/// answer and things waiting on them as facilitator.
struct CommunityHomeSection: Sendable {
    struct PendingInvitation: Sendable {
        let id: UUID
        let community: String
        let forFirm: Bool
        let message: String
    }

    struct Link: Sendable {
        let name: String
        let slug: String
    }

    let communities: [(community: Link, role: CommunityRole)]
    let nextEvents: [(event: EventSummary, community: String)]
    let invitations: [PendingInvitation]
    let charterToAccept: [Link]
    let joinRequestsWaiting: [(community: Link, count: Int)]

    static func build(for person: SignedIn, on db: any Database, now: Date) async throws -> CommunityHomeSection {
        let roles = try await CommunityStandings.activeCommunityIDs(of: person, on: db)
        let communities = roles.isEmpty ? [] : try await Community.query(on: db).filter(\.$id ~~ Array(roles.keys))
            .filter(\.$status ~~ [Community.Status.active, .setup, .archived]).sort(\.$name).all()
        var visible: [Community] = []
        var charter: [Link] = []
        var waiting: [(community: Link, count: Int)] = []
        // Standings and waiting join requests for every community at once: the home costs the same with one or twenty.
        let standings = try await CommunityStandings.standings(of: person, in: communities, on: db)
        let facilitated = communities.filter { $0.id.flatMap { standings[$0] }.map(CommunityAccess.canFacilitate) == true }.compactMap(\.id)
        let pending = facilitated.isEmpty ? [] : try await JoinRequest.query(on: db).filter(\.$community.$id ~~ facilitated)
            .filter(\.$status == .pending).values(\.$community.$id)
        let pendingCounts = Dictionary(pending.map { ($0, 1) }, uniquingKeysWith: +)
        for c in communities {
            guard let id = c.id, let standing = standings[id] else { continue }
            if CommunityAccess.canSeeContent(standing) { visible.append(c) }
            else if standing.isActiveParticipant && c.charterVersion > 0 { charter.append(Link(name: c.name, slug: c.slug)) }
            if let n = pendingCounts[id], n > 0, CommunityAccess.canFacilitate(standing) { waiting.append((Link(name: c.name, slug: c.slug), n)) }
        }
        let byID = Dictionary(uniqueKeysWithValues: try visible.map { (try $0.requireID(), $0) })
        let events = byID.isEmpty ? [] : try await CommunityEvent.query(on: db).filter(\.$community.$id ~~ Array(byID.keys))
            .filter(\.$endsAt > now).filter(\.$cancelled == false).sort(\.$startsAt).limit(5).all()
        let invitations = try await MembershipActions.pendingInvitations(for: person, on: db, now: now).map {
            PendingInvitation(id: try $0.requireID(), community: $0.community.name, forFirm: $0.$organisation.id != nil, message: $0.message)
        }
        return CommunityHomeSection(
            communities: try communities.map { (Link(name: $0.name, slug: $0.slug), roles[try $0.requireID()] ?? .member) },
            nextEvents: try events.compactMap { e in try byID[e.$community.id].map { (try EventSummary(e, slug: $0.slug), $0.name) } },
            invitations: invitations, charterToAccept: charter, joinRequestsWaiting: waiting)
    }
}
