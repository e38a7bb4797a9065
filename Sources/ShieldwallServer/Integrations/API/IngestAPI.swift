import Foundation
import ShieldwallCore
import Vapor

/// What a firm's tools send in with an integration key (not a person's token, so outside `BearerAuthMiddleware`).
struct IngestAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(APIURL.ingestAlerts, bodyLimit: AlertIngest.maxBytes, use: alerts)
    }

    /// A batch of alerts in `?format=` (default `shieldwall`): stored whole or not at all.
    @Sendable func alerts(req: Request) async throws -> AlertIngest.Outcome {
        let key = try await IntegrationKeyActions.authorise(req, for: .alerts)
        if let wait = req.application.ingestLimiter.admit(try key.requireID(), now: req.now) {
            throw Refusal(.tooManyRequests, "integrations.error.rate", ["max": String(AlertIngest.perMinute)], headers: ["Retry-After": String(wait)])
        }
        let name = req.query[String.self, at: "format"] ?? AlertFormat.shieldwall.rawValue
        guard let format = AlertFormat(rawValue: name) else {
            throw Refusal(.badRequest, "integrations.error.format",
                          ["format": String(name.prefix(40)), "formats": AlertFormat.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        guard let body = req.body.data, body.readableBytes > 0 else { throw ValidationFailure(field: "body", key: "integrations.error.empty") }
        return try await AlertIngest.ingest(Data(buffer: body), format: format, key: key, ctx: ActionContext(req))
    }
}
