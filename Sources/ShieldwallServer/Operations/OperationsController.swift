import Fluent
import Foundation
import Prometheus
import SQLKit
import Vapor

/// `/healthz` for load balancers, `/metrics` for Prometheus, the OpenAPI document and the stylesheet.
struct OperationsController: RouteCollection {
    let registry: PrometheusCollectorRegistry

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.healthz, use: health)
        routes.get(SiteURL.metrics, use: metrics)
        routes.get(APIURL.openAPI, use: openAPI)
        routes.get(SiteURL.stylesheet, use: stylesheet)
    }

    struct Health: Content {
        let status: String
        let database: String
    }

    /// 200 when the database answers, 503 otherwise, so a balancer stops sending traffic here.
    @Sendable func health(req: Request) async throws -> Response {
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("SELECT 1").run()
            return try await Health(status: "ok", database: "ok").encodeResponse(for: req)
        } catch {
            return try await Health(status: "unavailable", database: "unreachable").encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(buffer)))
    }

    @Sendable func openAPI(req: Request) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources/OpenAPI"),
              let data = try? Data(contentsOf: url) else { throw Refusal(.internalServerError, "error.api-description-missing") }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    @Sendable func stylesheet(req: Request) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "app", withExtension: "css", subdirectory: "Resources/Static"),
              let data = try? Data(contentsOf: url) else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = .css
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
