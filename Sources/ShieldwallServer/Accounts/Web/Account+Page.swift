import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A new password, as typed with the current one.
struct PasswordForm: Content {
    var current_password: String?
    var new_password: String?
    var new_password_confirmation: String?
}

struct LanguageForm: Content {
    var language: String?
}

/// The current password again (and a code, when confirming a second factor) before a sensitive change.
struct ReauthForm: Content {
    var current_password: String?
    var code: String?
}

struct TokenForm: Content {
    var name: String?
    var current_password: String?
}

/// The account page: password and language.
struct AccountPage: Sendable {
    let person: SignedIn
    let errors: [String: String]
}

/// The second factor: on or off, how many recovery codes are left.
struct MFAPage: Sendable {
    let person: SignedIn
    let remainingCodes: Int
    let errors: [String: String]
}

/// Enrolling an authenticator app: the secret (shown as text and as an `otpauth://` link) and the code to confirm it.
struct MFAEnrolPage: Sendable {
    let secret: [UInt8]
    let email: String
    let error: String?
}

/// New recovery codes, shown once.
struct RecoveryCodesPage: Sendable {
    let codes: [String]
}

/// Personal API tokens; a new one is shown once.
struct TokensPage: Sendable {
    struct Row: Sendable {
        let id: UUID
        let name: String
        let prefix: String
        let createdAt: Date
        let lastUsedAt: Date?
        let revokedAt: Date?
    }

    let rows: [Row]
    let created: APITokenActions.Created?
    let name: String
    let errors: [String: String]

    static func build(for personID: UUID, created: APITokenActions.Created? = nil, name: String = "", errors: [String: String] = [:],
                      on db: any Database) async throws -> TokensPage {
        let rows = try await APIToken.query(on: db).filter(\.$person.$id == personID).sort(\.$createdAt, .descending).all()
            .map { Row(id: try $0.requireID(), name: $0.name, prefix: $0.visiblePrefix, createdAt: $0.createdAt,
                       lastUsedAt: $0.lastUsedAt, revokedAt: $0.revokedAt) }
        return TokensPage(rows: rows, created: created, name: name, errors: errors)
    }
}

/// Where the person is signed in.
struct SessionsPage: Sendable {
    struct Row: Sendable {
        let id: UUID
        let createdAt: Date
        let lastSeenAt: Date
        let userAgent: String
        let address: String
        let isCurrent: Bool
    }

    let rows: [Row]

    static func build(for person: SignedIn, on db: any Database) async throws -> SessionsPage {
        SessionsPage(rows: try await WebSession.query(on: db).filter(\.$person.$id == person.personID).filter(\.$stage == .full)
            .sort(\.$lastSeenAt, .descending).all()
            .map { Row(id: try $0.requireID(), createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, userAgent: $0.userAgent, address: $0.address,
                       isCurrent: $0.id == person.sessionID) })
    }
}
