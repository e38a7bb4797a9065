import Foundation
import ShieldwallCore
import Vapor

/// CrowdSec's local API as its bouncers use it (`X-Api-Key: swi_…`, a key that may pull decisions), answered with the
/// firm's blocklist (`DecisionStream`).
struct DecisionsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(CrowdSecURL.decisionsStream, use: stream)
        routes.get(CrowdSecURL.decisions, use: lookup)
    }

    @Sendable func stream(req: Request) async throws -> Response {
        let key = try await IntegrationKeyActions.authorise(req, for: .decisions)
        let startup = (req.query[String.self, at: "startup"] ?? "false").lowercased() == "true"
        let pulled = try await DecisionStream.pull(key: key, startup: startup, scopes: try DecisionStream.scopes(req),
                                                   feed: req.shieldwall.links.firmThreatFeed, now: req.now, app: req.application, on: req.db)
        let response = Response(status: .ok, body: .init(buffer: pulled.json()))
        response.headers.contentType = .json
        return response
    }

    /// `?ip=` gives the decisions about that address; CrowdSec answers `null` when there are none, and so do we.
    @Sendable func lookup(req: Request) async throws -> Response {
        let key = try await IntegrationKeyActions.authorise(req, for: .decisions)
        guard let ip = req.query[String.self, at: "ip"] else { throw Refusal(.badRequest, "integrations.error.decision-ip") }
        let found = try await DecisionStream.lookup(ip, key: key, feed: req.shieldwall.links.firmThreatFeed, now: req.now, app: req.application, on: req.db)
        let response = Response(status: .ok)
        if found.isEmpty {
            response.headers.contentType = .json
            response.body = .init(string: "null")
        } else {
            try response.content.encode(found)
        }
        return response
    }
}
