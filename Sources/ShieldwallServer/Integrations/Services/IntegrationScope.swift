import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The firm a page or API call about integrations is for, decided by `IntegrationAccess`: its people see its alerts,
/// its admins manage its keys; anyone else (other firms, facilitators, experts, the operator) finds nothing (404).
enum IntegrationScope {
    enum Need { case alerts, keys }

    static func firm(_ req: Request, person: SignedIn, need: Need) async throws -> Organisation {
        guard let id = req.parameters.get(.orgID, as: UUID.self) else { throw Abort(.notFound) }
        let allowed = switch need {
        case .alerts: IntegrationAccess.canSeeAlerts(firm: id.uuidString, viewer: person.viewer)
        case .keys: IntegrationAccess.canManageKeys(firm: id.uuidString, viewer: person.viewer)
        }
        guard allowed, let org = try await Organisation.find(id, on: req.db) else {
            throw Refusal(.notFound, "error.organisation-not-found")
        }
        return org
    }

    static func keys(of firm: UUID, on db: any Database) async throws -> [IntegrationKey] {
        try await IntegrationKey.query(on: db).filter(\.$organisation.$id == firm).sort(\.$createdAt, .descending).all()
    }

    static func key(_ req: Request, of firm: UUID) async throws -> IntegrationKey {
        guard let id = req.parameters.get(.keyID, as: UUID.self),
              let key = try await IntegrationKey.query(on: req.db).filter(\.$id == id).filter(\.$organisation.$id == firm).first()
        else { throw Refusal(.notFound, "integrations.error.no-key") }
        return key
    }

    /// The firm's alerts last seen from `since`, newest first, at most `limit`.
    static func alerts(of firm: UUID, since: Date, limit: Int, on db: any Database) async throws -> [FirmAlert] {
        try await FirmAlert.query(on: db).filter(\.$organisation.$id == firm).filter(\.$lastAt >= since)
            .sort(\.$lastAt, .descending).limit(limit).all()
    }
}
