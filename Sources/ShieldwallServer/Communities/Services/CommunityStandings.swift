import Fluent
import Foundation
import SQLKit
import ShieldwallCore
import Vapor

/// Reads a person's standing in communities from the database, for `CommunityAccess` to decide on.
/// Every community page, API route and feed goes through here; nothing decides visibility on its own.
enum CommunityStandings {
    static func standing(of person: SignedIn?, in community: Community, on db: any Database) async throws -> CommunityStanding {
        let communityID = try community.requireID()
        let facts = Facts(id: communityID, charterVersion: community.charterVersion, archived: community.status == .archived)
        guard let person else {
            return CommunityStanding(role: nil, acceptedCharterVersion: nil, currentCharterVersion: community.charterVersion,
                                     isOperator: false, communityArchived: facts.archived)
        }
        // Every community page starts here: one statement of three small sub-selects, where `standings` takes three.
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "An SQL database is needed.") }
        let row = try await sql.raw("""
            SELECT (SELECT role FROM community_people WHERE community_id = \(bind: communityID) AND person_id = \(bind: person.personID) LIMIT 1) AS own_role,
                   (SELECT status FROM community_people WHERE community_id = \(bind: communityID) AND person_id = \(bind: person.personID) LIMIT 1) AS own_status,
                   (SELECT status FROM community_organisations WHERE community_id = \(bind: communityID)
                        AND organisation_id = \(bind: person.organisationID) LIMIT 1) AS firm_status,
                   (SELECT MAX(version) FROM charter_acceptances WHERE community_id = \(bind: communityID) AND person_id = \(bind: person.personID)) AS accepted
            """).first()
        func column<T: Decodable>(_ name: String, _ type: T.Type) throws -> T? {
            guard let row, try !row.decodeNil(column: name) else { return nil }
            return try row.decode(column: name, as: T.self)
        }
        // A role or status this version does not know counts as none, as in `standings`.
        let own = try column("own_role", String.self).map {
            (role: CommunityRole(rawValue: $0), status: ParticipationStatus(rawValue: try column("own_status", String.self) ?? "") ?? .former)
        }
        return standing(of: person, in: facts, own: own, firm: try column("firm_status", String.self).flatMap(ParticipationStatus.init(rawValue:)),
                        accepted: try column("accepted", Int.self))
    }

    /// The standing from what was read: the person's own role first, their firm's membership when they hold none or
    /// theirs is not active, the charter they accepted last.
    private static func standing(of person: SignedIn, in community: Facts, own: (role: CommunityRole?, status: ParticipationStatus)?,
                                 firm: ParticipationStatus?, accepted: Int?) -> CommunityStanding {
        var role = own?.role
        var status = own?.status ?? .former
        if role == nil || status != .active, let firm, role == nil || firm == .active {
            role = .member
            status = firm
        }
        return CommunityStanding(role: role, status: status, acceptedCharterVersion: accepted, currentCharterVersion: community.charterVersion,
                                 isOperator: person.viewer.isOperator, communityArchived: community.archived)
    }

    /// A person's standing in several communities at once, in three queries whatever their number: their own role
    /// first, their firm's membership when they hold none or theirs is not active, the charter they accepted last.
    static func standings(of person: SignedIn, in communities: [Community], on db: any Database) async throws -> [UUID: CommunityStanding] {
        try await standings(of: person, in: communities.compactMap { c in c.id.map { Facts(id: $0, charterVersion: c.charterVersion,
                                                                                                archived: c.status == .archived) } }, on: db)
    }

    /// The standings in communities the person takes part in, from their roles there (`activeCommunityIDs`): active
    /// by definition, so only the charters they accepted are read — the same standings `standings(of:in:)` gives
    /// for these communities, in one query instead of three.
    static func standings(of person: SignedIn, activeIn roles: [UUID: CommunityRole], _ communities: [Facts],
                          on db: any Database) async throws -> [UUID: CommunityStanding] {
        let taking = communities.filter { roles[$0.id] != nil }
        guard !taking.isEmpty else { return [:] }
        let accepted = try await acceptedCharters(of: person, in: taking.map(\.id), on: db)
        var result: [UUID: CommunityStanding] = [:]
        for community in taking {
            result[community.id] = standing(of: person, in: community, own: (roles[community.id], .active), firm: nil, accepted: accepted[community.id])
        }
        return result
    }

    /// What a standing needs of a community, for callers that read rows rather than models.
    struct Facts: Sendable {
        let id: UUID
        let charterVersion: Int
        let archived: Bool
    }

    static func standings(of person: SignedIn, in communities: [Facts], on db: any Database) async throws -> [UUID: CommunityStanding] {
        let ids = communities.map(\.id)
        guard !ids.isEmpty else { return [:] }
        // Columns, not models: an expert's home reads her part in 200 communities. A role or status this version
        // does not know counts as none.
        let own = Dictionary(try await CommunityPerson.query(on: db).filter(\.$community.$id ~~ ids).filter(\.$person.$id == person.personID)
            .values(\.$community.$id, \.$role.field, \.$status.field)
            .map { ($0.0, (role: CommunityRole(rawValue: $0.1), status: ParticipationStatus(rawValue: $0.2) ?? .former)) },
            uniquingKeysWith: { a, _ in a })
        var firms: [UUID: ParticipationStatus] = [:]
        if let orgID = person.organisationID {
            firms = Dictionary(try await CommunityOrganisation.query(on: db).filter(\.$community.$id ~~ ids).filter(\.$organisation.$id == orgID)
                .values(\.$community.$id, \.$status.field).compactMap { id, raw in ParticipationStatus(rawValue: raw).map { (id, $0) } },
                uniquingKeysWith: { a, _ in a })
        }
        let accepted = try await acceptedCharters(of: person, in: ids, on: db)
        var result: [UUID: CommunityStanding] = [:]
        for community in communities {
            result[community.id] = standing(of: person, in: community, own: own[community.id], firm: firms[community.id], accepted: accepted[community.id])
        }
        return result
    }

    /// The community named by `:slug`, with the viewer's standing. 404 when it does not exist or is
    /// still a request the viewer has nothing to do with.
    static func load(_ req: Request) async throws -> (Community, CommunityStanding) {
        guard let slug = req.parameters.get(.slug),
              let community = try await Community.query(on: req.db).filter(\.$slug == slug).first()
        else { throw Abort(.notFound, reason: req.t("error.community-not-found")) }
        let standing = try await standing(of: req.signedIn, in: community, on: req.db)
        let status = community.status
        if status == .requested || status == .declined || status == .setup,
           standing.role != .facilitator, !standing.isOperator {
            // The one who asked for it knows it exists: tell them it waits, rather than that it is not there.
            if status == .requested, let asker = community.$requestedBy.id, asker == req.signedIn?.personID {
                throw Refusal(.conflict, "error.community-awaits-approval", ["community": community.name])
            }
            throw Abort(.notFound, reason: req.t("error.community-not-found"))
        }
        return (community, standing)
    }

    /// The community named by `:slug`, for pages that show its content: a participant who has not accepted
    /// the charter is sent to it first; anyone else who may not see the content gets 404.
    static func content(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn) {
        let person = try req.requirePerson()
        let (community, standing) = try await load(req)
        if standing.isActiveParticipant && !standing.hasAcceptedCurrentCharter {
            throw Abort.redirect(to: SiteURL.communityCharter(community.slug).path)
        }
        try req.require(CommunityAccess.canSeeContent(standing))
        return (community, standing, person)
    }

    /// Whether the person's firm takes part in the community (active): a firm's signature, its own part in a plan
    /// and its interest in a purchase need it.
    static func firmTakesPart(_ person: SignedIn, in communityID: UUID, on db: any Database) async throws -> Bool {
        guard let org = person.organisationID else { return false }
        return try await CommunityOrganisation.query(on: db).filter(\.$community.$id == communityID)
            .filter(\.$organisation.$id == org).filter(\.$status == ParticipationStatus.active).first() != nil
    }

    /// The firms taking part (active) in those of `communities` that are active: whose names a review shows to, or
    /// whose calls for help reach, the people of those communities; with `among`, only which of those firms.
    static func firms(takingPartIn communities: [UUID], among: Set<UUID>? = nil, on db: any Database) async throws -> Set<UUID> {
        guard !communities.isEmpty else { return [] }
        let active = try await Community.query(on: db).filter(\.$id ~~ communities).filter(\.$status == Community.Status.active).values(\.$id)
        guard !active.isEmpty else { return [] }
        var query = CommunityOrganisation.query(on: db).filter(\.$community.$id ~~ active).filter(\.$status == ParticipationStatus.active)
        if let among { query = query.filter(\.$organisation.$id ~~ Array(among)) }
        return Set(try await query.values(\.$organisation.$id))
    }

    /// The active communities the firm takes part in (active), by name: where its bouncer's blocklist comes from and
    /// where it may warn the others.
    static func activeCommunities(ofFirm firm: UUID, on db: any Database) async throws -> [Community] {
        let joined = try await CommunityOrganisation.query(on: db).filter(\.$organisation.$id == firm)
            .filter(\.$status == ParticipationStatus.active).values(\.$community.$id)
        guard !joined.isEmpty else { return [] }
        return try await Community.query(on: db).filter(\.$id ~~ joined).filter(\.$status == Community.Status.active).sort(\.$name).all()
    }

    /// Ids of the communities a person takes part in (active), for lists and home pages.
    static func activeCommunityIDs(of person: SignedIn, on db: any Database) async throws -> [UUID: CommunityRole] {
        try await activeParts(of: person, on: db).roles
    }

    /// The same, with the communities the person's firm takes part in (active) apart.
    static func activeParts(of person: SignedIn, on db: any Database) async throws -> (roles: [UUID: CommunityRole], firm: Set<UUID>) {
        var result: [UUID: CommunityRole] = [:]
        var firm: Set<UUID> = []
        if let orgID = person.organisationID {
            for community in try await CommunityOrganisation.query(on: db).filter(\.$organisation.$id == orgID)
                .filter(\.$status == ParticipationStatus.active).values(\.$community.$id) {
                result[community] = .member
                firm.insert(community)
            }
        }
        for (community, role) in try await CommunityPerson.query(on: db).filter(\.$person.$id == person.personID)
            .filter(\.$status == ParticipationStatus.active).values(\.$community.$id, \.$role.field) {
            // A role this version does not know gives no more than a member's part.
            result[community] = CommunityRole(rawValue: role) ?? result[community]
        }
        return (result, firm)
    }

    /// The person's role in each community whose content they may see: active there, the community open
    /// or archived, the current charter accepted (`CommunityAccess.canSeeContent` as one read).
    static func contentRoles(of person: SignedIn, on db: any Database) async throws -> [UUID: CommunityRole] {
        let active = try await activeCommunityIDs(of: person, on: db)
        guard !active.isEmpty else { return [:] }
        let charters = try await Community.query(on: db).filter(\.$id ~~ Array(active.keys))
            .filter(\.$status ~~ [Community.Status.active, Community.Status.archived]).values(\.$id, \.$charterVersion)
        let accepted = try await acceptedCharters(of: person, in: nil, on: db)
        var roles: [UUID: CommunityRole] = [:]
        for (id, charterVersion) in charters {
            guard let role = active[id], (accepted[id] ?? -1) >= charterVersion else { continue }
            roles[id] = role
        }
        return roles
    }

    /// The latest charter version the person accepted in each community (of `communities`, or all).
    private static func acceptedCharters(of person: SignedIn, in communities: [UUID]?, on db: any Database) async throws -> [UUID: Int] {
        var query = CharterAcceptance.query(on: db).filter(\.$person.$id == person.personID)
        if let communities { query = query.filter(\.$community.$id ~~ communities) }
        var accepted: [UUID: Int] = [:]
        for (community, version) in try await query.values(\.$community.$id, \.$version) {
            accepted[community] = max(accepted[community] ?? version, version)
        }
        return accepted
    }

    /// The person named by `email`, or without one the community's facilitator: who a command line acts as.
    static func personOrFacilitator(_ email: String?, of communityID: UUID, on db: any Database) async throws -> Person? {
        if let email { return try await Person.query(on: db).filter(\.$email == email.lowercased().trimmingWhitespace()).first() }
        guard let role = try await CommunityPerson.query(on: db).filter(\.$community.$id == communityID)
            .filter(\.$role == CommunityRole.facilitator).first() else { return nil }
        return try await Person.find(role.$person.id, on: db)
    }

    /// Everyone who takes part actively: facilitator and experts by person, members through their firm.
    static func participantIDs(of communityID: UUID, on db: any Database) async throws -> Set<UUID> {
        var ids = Set(try await CommunityPerson.query(on: db).filter(\.$community.$id == communityID)
            .filter(\.$status == ParticipationStatus.active).values(\.$person.$id))
        let firms = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == communityID)
            .filter(\.$status == ParticipationStatus.active).values(\.$organisation.$id)
        if !firms.isEmpty {
            ids.formUnion(try await Person.query(on: db).filter(\.$organisation.$id ~~ firms).filter(\.$deactivatedAt == nil)
                .values(\.$id).compactMap { $0 })
        }
        return ids
    }
}

extension Request {
    /// Facilitator-only actions: 403 for people who take part (they know the community), 404 for
    /// everyone else (so an unlisted community's existence does not leak).
    func requireFacilitator(_ standing: CommunityStanding) throws {
        if CommunityAccess.canFacilitate(standing) { return }
        if standing.isActiveParticipant { throw Abort(.forbidden, reason: t("error.facilitators-only")) }
        throw Abort(.notFound, reason: t("error.community-not-found"))
    }

    /// Throws 404 (not 403, so existence does not leak) unless the rule allows.
    func require(_ allowed: Bool) throws {
        guard allowed else { throw Abort(.notFound, reason: t("error.community-not-found")) }
    }
}
