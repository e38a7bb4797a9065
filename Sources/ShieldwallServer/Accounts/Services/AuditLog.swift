import Fluent
import Foundation
import Vapor

/// Writes security events. Failures to write are logged, never shown to the person: the action itself
/// has already happened.
enum AuditLog {
    static func record(_ kind: AuditKind, personID: UUID?, email: String, organisationID: UUID?, detail: String = "",
                       address: String, at: Date, on db: any Database) async throws {
        try await AuditEvent(at: at, kind: kind, personID: personID, email: email, organisationID: organisationID,
                             detail: String(detail.prefix(500)), address: address).create(on: db)
    }

    static func record(_ kind: AuditKind, person: Person, detail: String = "", req: Request) async throws {
        try await record(kind, personID: person.id, email: person.email, organisationID: person.$organisation.id,
                         detail: detail, address: req.clientAddress, at: req.now, on: req.db)
    }

    static func record(_ kind: AuditKind, signedIn: SignedIn, detail: String = "", req: Request) async throws {
        try await record(kind, personID: signedIn.personID, email: signedIn.email, organisationID: signedIn.organisationID,
                         detail: detail, address: req.clientAddress, at: req.now, on: req.db)
    }
}
