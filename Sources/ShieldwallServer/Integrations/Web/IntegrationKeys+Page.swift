import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's integration keys (its admins only): each with what it may send and when it was last used; a new key shown
/// once; how to point a tool at Shieldwall.
struct IntegrationKeysPage: Sendable {
    struct Row: Sendable {
        let id: UUID
        let name: String
        let prefix: String
        let scopes: [IntegrationAccess.Scope]
        let createdAt: Date
        let createdBy: String
        let lastUsedAt: Date?
        let revokedAt: Date?
    }

    let firmID: UUID
    let firmName: String
    let rows: [Row]
    /// The address tools send alerts to.
    let ingestURL: String
    /// The address tools send their device lists to.
    let devicesURL: String
    var created: IntegrationKeyActions.Created?
    var form = IntegrationKeyForm()
    var errors: [String: String] = [:]

    static func build(_ firm: Organisation, baseURL: String, on db: any Database) async throws -> IntegrationKeysPage {
        let id = try firm.requireID()
        let keys = try await IntegrationScope.keys(of: id, on: db)
        let people = try await Person.query(on: db).filter(\.$id ~~ Set(keys.compactMap { $0.$createdBy.id })).all()
        let names = Dictionary(people.compactMap { p in p.id.map { ($0, p.displayName) } }, uniquingKeysWith: { a, _ in a })
        let rows = try keys.map { k in
            Row(id: try k.requireID(), name: k.name, prefix: k.visiblePrefix, scopes: IntegrationAccess.Scope.allCases.filter(k.scopes.contains),
                createdAt: k.createdAt, createdBy: k.$createdBy.id.flatMap { names[$0] } ?? "—", lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt)
        }
        return IntegrationKeysPage(firmID: id, firmName: firm.name, rows: rows, ingestURL: baseURL + APIURL.ingestAlerts.path,
                                   devicesURL: baseURL + APIURL.ingestDevices.path)
    }
}

/// A new key as typed: a name and what it may send.
struct IntegrationKeyForm: Content {
    var name: String?
    var alerts: Bool?
    var devices: Bool?
    var decisions: Bool?

    var scopes: [String] {
        [(alerts, IntegrationAccess.Scope.alerts), (devices, .devices), (decisions, .decisions)].compactMap { $0.0 == true ? $0.1.rawValue : nil }
    }
}
