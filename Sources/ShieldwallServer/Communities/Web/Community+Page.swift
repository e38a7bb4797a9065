import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What any signed-in person may know about a community: its name, kind and purpose.
struct CommunityCard: Sendable {
    let id: UUID
    let name: String
    let slug: String
    let kind: Community.Kind
    let description: String
    let tags: String
    let status: Community.Status
    let listed: Bool
    let charterVersion: Int

    init(_ c: Community) throws {
        id = try c.requireID(); name = c.name; slug = c.slug; kind = c.kind; description = c.description; tags = c.tags
        status = c.status; listed = c.listed; charterVersion = c.charterVersion
    }
}

/// A community's purpose as typed into the request form or the toolkit's first step.
struct CommunityPurposeForm: Content {
    var name: String?
    var kind: String?
    var description: String?
    var tags: String?
    var listed: String?

    /// The community as it stands, for the toolkit to show again.
    init(_ c: Community) {
        self.init(name: c.name, kind: c.kind.rawValue, description: c.description, tags: c.tags, listed: c.listed ? "true" : nil)
    }

    init(name: String? = nil, kind: String? = nil, description: String? = nil, tags: String? = nil, listed: String? = nil) {
        self.name = name; self.kind = kind; self.description = description; self.tags = tags; self.listed = listed
    }
}

/// A charter as typed by the facilitator, or the version someone accepts.
struct CharterForm: Content {
    var charter: String?
    var version: Int?
}

/// The directory: the person's communities, those they asked to start, and the listed ones they could join.
struct CommunityDirectoryPage: Sendable {
    let mine: [(card: CommunityCard, role: CommunityRole?)]
    let listed: [CommunityCard]
    let requested: [CommunityCard]

    static func build(for person: SignedIn, on db: any Database) async throws -> CommunityDirectoryPage {
        let mine = try await CommunityStandings.activeCommunityIDs(of: person, on: db)
        let listed = try await Community.query(on: db).filter(\.$listed == true).filter(\.$status == .active).sort(\.$name).all()
        let own = mine.isEmpty ? [] : try await Community.query(on: db).filter(\.$id ~~ Array(mine.keys)).sort(\.$name).all()
        let requested = try await Community.query(on: db).filter(\.$requestedBy.$id == person.personID)
            .filter(\.$status ~~ [Community.Status.requested, .declined]).all()
        return CommunityDirectoryPage(
            mine: try own.map { c in (try CommunityCard(c), mine[try c.requireID()]) },
            listed: try listed.map(CommunityCard.init).filter { mine[$0.id] == nil },
            requested: try requested.map(CommunityCard.init))
    }
}

/// Asking to start a community.
struct CommunityNewPage: Sendable {
    let form: CommunityPurposeForm
    let errors: [String: String]
}

/// What someone outside a listed community sees: its card, and asking to join for their firm's admin.
struct CommunityPublicPage: Sendable {
    let card: CommunityCard
    let canRequest: Bool
    let requestPending: Bool
    let declinedBecause: String?
    let errors: [String: String]

    static func build(_ community: Community, viewer person: SignedIn, errors: [String: String] = [:],
                      on db: any Database) async throws -> CommunityPublicPage {
        var pending = false, declinedBecause: String?
        if errors.isEmpty, let org = person.organisationID,
           let last = try await JoinRequest.query(on: db).filter(\.$community.$id == community.requireID())
            .filter(\.$organisation.$id == org).sort(\.$createdAt, .descending).first() {
            pending = last.status == .pending
            declinedBecause = last.status == .declined ? last.decisionReason : nil
        }
        return CommunityPublicPage(card: try CommunityCard(community), canRequest: person.viewer.organisationRole == .admin,
                                   requestPending: pending, declinedBecause: declinedBecause, errors: errors)
    }
}

/// The community's charter: to read, to accept, and for the facilitator to publish a new version.
struct CharterPage: Sendable {
    let card: CommunityCard
    let text: String
    let standing: CommunityStanding
    let errors: [String: String]

    var mustAccept: Bool { standing.isActiveParticipant && !standing.hasAcceptedCurrentCharter && card.charterVersion > 0 }

    /// The current version's text, or `editing` when the facilitator's edit is shown again.
    static func build(_ community: Community, standing: CommunityStanding, editing: String? = nil, errors: [String: String] = [:],
                      on db: any Database) async throws -> CharterPage {
        var text = editing
        if text == nil {
            text = try await CharterVersion.query(on: db).filter(\.$community.$id == community.requireID())
                .filter(\.$version == community.charterVersion).first()?.text
        }
        return CharterPage(card: try CommunityCard(community), text: text ?? "", standing: standing, errors: errors)
    }
}
