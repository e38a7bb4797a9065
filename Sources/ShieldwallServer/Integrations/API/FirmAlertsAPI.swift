import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's alerts for its own people, with a personal token (`IntegrationScope`: nobody outside the firm).
struct FirmAlertsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.organisationAlerts, use: list)
    }

    struct AlertDTO: Content {
        let id: UUID
        let source: String
        let kind: String
        let severity: String
        let host: String
        let addresses: [String]
        let summary: String
        let count: Int
        let firstAt: Date
        let lastAt: Date
        let receivedAt: Date
    }

    /// `?since=` (ISO 8601) keeps alerts last seen from then; pages by `?limit=` and `?cursor=`.
    @Sendable func list(req: Request) async throws -> CursorPage<AlertDTO> {
        let person = try req.requireAPIPerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        var query = FirmAlert.query(on: req.db).filter(\.$organisation.$id == (try firm.requireID()))
        if let raw = req.query[String.self, at: "since"] {
            guard let since = Timestamp.parse(raw) else { throw ValidationFailure(field: "since", key: "error.date-time") }
            query = query.filter(\.$lastAt >= since)
        }
        return try await PageRequest(req).fetch(query) {
            AlertDTO(id: try $0.requireID(), source: $0.source, kind: $0.kind, severity: $0.severity, host: $0.host, addresses: $0.addresses,
                     summary: $0.summary, count: $0.count, firstAt: $0.firstAt, lastAt: $0.lastAt, receivedAt: $0.receivedAt)
        }.response
    }
}
