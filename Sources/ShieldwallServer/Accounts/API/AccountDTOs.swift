import Foundation
import Vapor

/// What the API shows of a person; never the password hash or second-factor secrets.
struct PersonDTO: Content {
    let id: UUID
    let email: String
    let displayName: String
    let organisationId: UUID?
    let organisationRole: String?
    let language: String
    let isOperator: Bool
    let mfaEnabled: Bool
    let deactivatedAt: Date?

    init(_ p: Person) throws {
        id = try p.requireID(); email = p.email; displayName = p.displayName; organisationId = p.$organisation.id
        organisationRole = p.organisationRole?.rawValue; language = p.language; isOperator = p.isOperator; mfaEnabled = p.mfaEnabled
        deactivatedAt = p.deactivatedAt
    }
}

struct OrganisationDTO: Content {
    let id: UUID
    let name: String
    let staffCount: Int
    let size: String
    let sector: String
    let region: String
    let requireMfa: Bool
    let createdAt: Date

    init(_ o: Organisation) throws {
        id = try o.requireID(); name = o.name; staffCount = o.staffCount; size = o.size.rawValue; sector = o.sector
        region = o.region; requireMfa = o.requireMFA; createdAt = o.createdAt
    }
}

struct NewOrganisationDTO: Content {
    let name: String?
    let staffCount: Int?
    let sector: String?
    let region: String?
}

struct OrganisationChangeDTO: Content {
    let name: String?
    let staffCount: Int?
    let sector: String?
    let region: String?
    let requireMfa: Bool?
}

struct NewInvitationDTO: Content {
    let email: String?
    let role: String?
}

struct InvitationDTO: Content {
    let id: UUID
    let email: String
    let role: String
    let expiresAt: Date
    /// The single-use link; returned only in the answer that creates the invitation.
    let link: String
    /// False when the e-mail could not be sent: pass the link on yourself.
    let mailed: Bool
}

struct AuditEventDTO: Content {
    let id: UUID
    let at: Date
    let kind: String
    let email: String
    let detail: String
    let address: String

    init(_ e: AuditEvent) throws {
        id = try e.requireID(); at = e.at; kind = e.kind.rawValue; email = e.email; detail = e.detail; address = e.address
    }
}
