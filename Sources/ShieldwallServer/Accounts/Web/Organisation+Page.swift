import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// An organisation as pages show it.
struct OrganisationSummary: Sendable {
    let id: UUID
    let name: String
    let staffCount: Int
    let size: OrganisationSize
    let sector: String
    let region: String
    let requireMFA: Bool
    let createdAt: Date

    init(_ o: Organisation) throws {
        id = try o.requireID(); name = o.name; staffCount = o.staffCount; size = o.size; sector = o.sector; region = o.region
        requireMFA = o.requireMFA; createdAt = o.createdAt
    }
}

struct PersonSummary: Sendable {
    let id: UUID
    let displayName: String
    let email: String
    let role: Viewer.OrganisationRole?
    let mfaEnabled: Bool
    let isOperator: Bool
    let deactivatedAt: Date?

    init(_ p: Person) throws {
        id = try p.requireID(); displayName = p.displayName; email = p.email; role = p.organisationRole
        mfaEnabled = p.mfaEnabled; isOperator = p.isOperator; deactivatedAt = p.deactivatedAt
    }
}

struct InvitationSummary: Sendable {
    let id: UUID
    let email: String
    /// A role's catalogue key: `admin`, `staff`, `expert` or `operator`.
    let role: String
    let expiresAt: Date
    let state: Invitation.State

    init(_ i: Invitation, now: Date) throws {
        id = try i.requireID(); email = i.email
        role = i.makesOperator ? "operator" : (i.organisationRole?.rawValue ?? "expert")
        expiresAt = i.expiresAt; state = i.state(at: now)
    }
}

/// Inviting someone into the firm.
struct OrganisationInviteForm: Content {
    var email: String?
    var role: String?
}

/// The firm's own details as its admin edits them.
struct OrganisationSettingsForm: Content {
    var name: String?
    var staff_count: String?
    var sector: String?
    var region: String?
    var require_mfa: String?
}

/// An organisation's page: its people and communities and, for its admins and operators, invitations and settings.
struct OrganisationPage: Sendable {
    let organisation: OrganisationSummary
    let people: [PersonSummary]
    let invitations: [InvitationSummary]
    let canManage: Bool
    /// Whether the viewer works there (its security dashboard is for its own people, not the operator).
    let isMember: Bool
    /// The firm's communities, with who of its people take part (accepted the current charter).
    let communities: [OrganisationCommunity]
    var invited: InvitationActions.Created?
    var inviteForm = OrganisationInviteForm()
    var settingsForm: OrganisationSettingsForm?
    var errors: [String: String] = [:]

    static func build(_ org: Organisation, viewer: SignedIn, communities source: any OrganisationCommunityList, on db: any Database,
                      now: Date) async throws -> OrganisationPage {
        let id = try org.requireID()
        let canManage = AccountAccess.canManage(organisation: id.uuidString, viewer: viewer.viewer)
        let people = try await Person.query(on: db).filter(\.$organisation.$id == id).sort(\.$displayName).all()
        let invitations = canManage
            ? try await Invitation.query(on: db).filter(\.$organisation.$id == id).filter(\.$acceptedAt == nil)
                .filter(\.$revokedAt == nil).sort(\.$createdAt, .descending).all()
            : []
        return OrganisationPage(organisation: try OrganisationSummary(org), people: try people.map(PersonSummary.init),
                                invitations: try invitations.map { try InvitationSummary($0, now: now) }, canManage: canManage,
                                isMember: viewer.viewer.belongs(to: id.uuidString), communities: try await source.communities(of: id, people: people, on: db))
    }
}
