import Foundation
import ShieldwallCore
import Vapor

/// What a firm's tools send in with an integration key (alerts, device lists) (not a person's token, so outside `BearerAuthMiddleware`).
struct IngestAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(APIURL.ingestAlerts, bodyLimit: AlertIngest.maxBytes, use: alerts)
        routes.on(.PUT, APIURL.ingestDevices, bodyLimit: AlertIngest.maxBytes, use: devices)
    }

    /// The tool's whole device list: devices it listed before and no longer does are removed (not those of other tools).
    @Sendable func devices(req: Request) async throws -> DeviceActions.Outcome {
        let key = try await admitted(req, for: .devices)
        guard let body = req.body.data, body.readableBytes > 0 else { throw ValidationFailure(field: "body", key: "integrations.error.empty") }
        let devices = try DeviceActions.read(json: Data(buffer: body), now: req.now)
        return try await DeviceActions.report(devices, firm: key.$organisation.id, key: try key.requireID(), ctx: ActionContext(req))
    }

    /// The key, if it may send `scope` and has not sent too often this minute.
    private func admitted(_ req: Request, for scope: IntegrationAccess.Scope) async throws -> IntegrationKey {
        let key = try await IntegrationKeyActions.authorise(req, for: scope)
        if let wait = req.application.ingestLimiter.admit(try key.requireID(), now: req.now) {
            throw Refusal(.tooManyRequests, "integrations.error.rate", ["max": String(AlertIngest.perMinute)], headers: ["Retry-After": String(wait)])
        }
        return key
    }

    /// A batch of alerts in `?format=` (default `shieldwall`): stored whole or not at all.
    @Sendable func alerts(req: Request) async throws -> AlertIngest.Outcome {
        let key = try await admitted(req, for: .alerts)
        let name = req.query[String.self, at: "format"] ?? AlertFormat.shieldwall.rawValue
        guard let format = AlertFormat(rawValue: name) else {
            throw Refusal(.badRequest, "integrations.error.format",
                          ["format": String(name.prefix(40)), "formats": AlertFormat.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        guard let body = req.body.data, body.readableBytes > 0 else { throw ValidationFailure(field: "body", key: "integrations.error.empty") }
        return try await AlertIngest.ingest(Data(buffer: body), format: format, key: key, ctx: ActionContext(req))
    }
}
