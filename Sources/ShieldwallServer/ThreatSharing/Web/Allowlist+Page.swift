import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's own addresses and domains, which no community blocklist it belongs to will ever carry.
struct AllowlistPage: Sendable {
    struct Entry: Sendable {
        let id: UUID
        let value: String
        let type: IndicatorType
        let note: String
    }

    let organisationID: UUID
    let organisationName: String
    let entries: [Entry]
    let canManage: Bool
    let form: AllowlistForm
    let errors: [String: String]

    static func build(_ org: Organisation, viewer person: SignedIn, form: AllowlistForm = AllowlistForm(), errors: [String: String] = [:],
                      on db: any Database) async throws -> AllowlistPage {
        let id = try org.requireID()
        let entries = try await AllowlistEntry.query(on: db).filter(\.$organisation.$id == id).sort(\.$value).all()
            .map { Entry(id: try $0.requireID(), value: $0.value, type: $0.type, note: $0.note) }
        return AllowlistPage(organisationID: id, organisationName: org.name, entries: entries,
                             canManage: AccountAccess.canManage(organisation: id.uuidString, viewer: person.viewer), form: form, errors: errors)
    }
}

/// An allowlist entry as typed.
struct AllowlistForm: Content {
    var value: String?
    var note: String?
}
