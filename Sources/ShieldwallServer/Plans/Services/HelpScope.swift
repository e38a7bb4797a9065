import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Who may see a call for help: the firm that raised it, and the experts and facilitators of the communities the
/// firm takes part in (`PlanAccess.canSeeHelpRequest`). Every read of help requests goes through here.
enum HelpScope {
    /// The firm's active communities (by name) and, for each, its active experts and facilitators.
    static func helpers(of firm: UUID, on db: any Database) async throws -> [(community: Community, people: [UUID])] {
        let communityIDs = try await CommunityOrganisation.query(on: db).filter(\.$organisation.$id == firm)
            .filter(\.$status == ParticipationStatus.active).values(\.$community.$id)
        guard !communityIDs.isEmpty else { return [] }
        let communities = try await Community.query(on: db).filter(\.$id ~~ communityIDs).filter(\.$status == Community.Status.active)
            .sort(\.$name).all()
        let rows = try await CommunityPerson.query(on: db).filter(\.$community.$id ~~ communities.compactMap(\.id))
            .filter(\.$status == ParticipationStatus.active).filter(\.$role ~~ [CommunityRole.expert, .facilitator]).all()
        return communities.map { c in (c, rows.filter { $0.$community.id == c.id }.map(\.$person.id)) }
    }

    /// The firms in whose communities `person` helps; with `among`, only which of those (an expert of 40 communities
    /// helps hundreds of firms, and the bell asks on every page about the few that called for help).
    static func firmsHelped(by person: SignedIn, among: Set<UUID>? = nil, on db: any Database) async throws -> Set<UUID> {
        if let among, among.isEmpty { return [] }
        let communities = try await CommunityPerson.query(on: db).filter(\.$person.$id == person.personID)
            .filter(\.$status == ParticipationStatus.active).filter(\.$role ~~ [CommunityRole.expert, .facilitator]).values(\.$community.$id)
        return try await CommunityStandings.firms(takingPartIn: communities, among: among, on: db)
    }

    struct Standing: Sendable {
        let isFirm: Bool
        let isHelper: Bool
    }

    static func standing(of person: SignedIn, toward request: HelpRequest, on db: any Database) async throws -> Standing? {
        standing(of: person, toward: request, helping: try await firmsHelped(by: person, on: db))
    }

    /// The same, with the firms the person helps already read (`firmsHelped`).
    static func standing(of person: SignedIn, toward request: HelpRequest, helping: Set<UUID>) -> Standing? {
        let firm = request.$organisation.id
        let helper = helping.contains(firm)
        guard PlanAccess.canSeeHelpRequest(firm: firm.uuidString, viewer: person.viewer, helperRole: helper ? .expert : nil) else { return nil }
        return Standing(isFirm: person.viewer.belongs(to: firm.uuidString), isHelper: helper)
    }

    /// The request named by `:requestID` and how the person stands to it; 404 for anyone who may not see it.
    static func load(_ req: Request, person: SignedIn) async throws -> (HelpRequest, Standing) {
        guard let id = req.parameters.get(.requestID, as: UUID.self), let request = try await HelpRequest.find(id, on: req.db),
              let standing = try await standing(of: person, toward: request, on: req.db)
        else { throw Abort(.notFound, reason: req.t("help.error.not-found")) }
        return (request, standing)
    }

    /// The requests the person may see: their firm's and those of the firms they help; open ones first, newest first.
    static func visible(to person: SignedIn, on db: any Database, limit: Int = 100) async throws -> [HelpRequest] {
        var firms = try await firmsHelped(by: person, on: db)
        if let own = person.organisationID { firms.insert(own) }
        guard !firms.isEmpty else { return [] }
        let rows = try await HelpRequest.query(on: db).filter(\.$organisation.$id ~~ Array(firms)).with(\.$organisation).with(\.$takenBy)
            .sort(\.$createdAt, .descending).limit(limit).all()
        return rows.sorted { ($0.status == .resolved ? 1 : 0, $1.createdAt) < ($1.status == .resolved ? 1 : 0, $0.createdAt) }
    }

    /// The requests of the firms taking part in a community, for its health page.
    static func figures(for communityID: UUID, on db: any Database) async throws -> HelpFigures {
        let firms = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == communityID)
            .filter(\.$status == ParticipationStatus.active).values(\.$organisation.$id)
        guard !firms.isEmpty else { return HelpFigures(requests: 0, open: 0, medianMinutesToFirstResponse: nil) }
        let rows = try await HelpRequest.query(on: db).filter(\.$organisation.$id ~~ firms).all()
        return HelpFigures(requests: rows.count, open: rows.filter { $0.status != .resolved }.count,
                           medianMinutesToFirstResponse: HelpRequestRules.medianMinutesToFirstResponse(rows.map { ($0.createdAt, $0.firstResponseAt) }))
    }
}
