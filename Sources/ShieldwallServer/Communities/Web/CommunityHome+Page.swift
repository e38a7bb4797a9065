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

    /// The first `shown` of their communities by name; all of them are on the directory.
    let communities: [(community: Link, role: CommunityRole)]
    let communityCount: Int
    let nextEvents: [(event: EventSummary, community: String)]
    let invitations: [PendingInvitation]
    let charterToAccept: [Link]
    let joinRequestsWaiting: [(community: Link, count: Int)]
    /// Whether the person's firm takes part in any community (active).
    let firmTakesPart: Bool

    /// How many communities the home lists: an expert in 200 had a page as long as the directory.
    static let shown = 20

    static func build(for person: SignedIn, on db: any Database, now: Date) async throws -> CommunityHomeSection {
        let (roles, firmCommunities) = try await CommunityStandings.activeParts(of: person, on: db)
        // Rows, not models: a whole community (its description, its settings) made for each of an expert's 200 was
        // most of her home's time.
        let communities = roles.isEmpty ? [] : try await Brief.read(Community.query(on: db).filter(\.$id ~~ Array(roles.keys))
            .filter(\.$status ~~ [Community.Status.active, .setup, .archived]).sort(\.$name))
        var visible: [Brief] = []
        var charter: [Link] = []
        var waiting: [(community: Link, count: Int)] = []
        // Standings and waiting join requests for every community at once: the home costs the same with one or twenty.
        let standings = try await CommunityStandings.standings(of: person, activeIn: roles, communities.map(\.facts), on: db)
        let facilitated = communities.filter { standings[$0.id].map(CommunityAccess.canFacilitate) == true }.map(\.id)
        let pending = facilitated.isEmpty ? [] : try await JoinRequest.query(on: db).filter(\.$community.$id ~~ facilitated)
            .filter(\.$status == .pending).values(\.$community.$id)
        let pendingCounts = Dictionary(pending.map { ($0, 1) }, uniquingKeysWith: +)
        for c in communities {
            guard let standing = standings[c.id] else { continue }
            if CommunityAccess.canSeeContent(standing) { visible.append(c) }
            else if standing.isActiveParticipant && c.charterVersion > 0 { charter.append(c.link) }
            if let n = pendingCounts[c.id], n > 0, CommunityAccess.canFacilitate(standing) { waiting.append((c.link, n)) }
        }
        let byID = Dictionary(visible.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let events = byID.isEmpty ? [] : try await CommunityEvent.query(on: db).filter(\.$community.$id ~~ Array(byID.keys))
            .filter(\.$endsAt > now).filter(\.$cancelled == false).sort(\.$startsAt).limit(5).all()
        let invitations = try await MembershipActions.pendingInvitations(for: person, on: db, now: now).map {
            PendingInvitation(id: try $0.requireID(), community: $0.community.name, forFirm: $0.$organisation.id != nil, message: $0.message)
        }
        return CommunityHomeSection(
            communities: communities.prefix(shown).map { ($0.link, roles[$0.id] ?? .member) },
            communityCount: communities.count,
            nextEvents: try events.compactMap { e in try byID[e.$community.id].map { (try EventSummary(e, slug: $0.link.slug), $0.link.name) } },
            invitations: invitations, charterToAccept: charter, joinRequestsWaiting: waiting, firmTakesPart: !firmCommunities.isEmpty)
    }

    /// The columns of a community the section shows and its standing needs.
    private struct Brief: Sendable {
        let id: UUID
        let link: Link
        let charterVersion: Int
        let archived: Bool

        var facts: CommunityStandings.Facts { .init(id: id, charterVersion: charterVersion, archived: archived) }

        static func read(_ query: QueryBuilder<Community>) async throws -> [Brief] {
            let keys = Community()
            let id = keys.$id.key, name = keys.$name.key, slug = keys.$slug.key, status = keys.$status.field.key, charter = keys.$charterVersion.key
            return try await query.selecting([id, name, slug, status, charter]).rows { row in
                let own = Community.ownColumns(of: row)
                return Brief(id: try own.decode(id, as: UUID.self),
                             link: Link(name: try own.decode(name, as: String.self), slug: try own.decode(slug, as: String.self)),
                             charterVersion: try own.decode(charter, as: Int.self),
                             archived: try own.decode(status, as: String.self) == Community.Status.archived.rawValue)
            }
        }
    }
}
