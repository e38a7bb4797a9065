import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The addresses a firm blocks itself, with a personal token: its people list them, its admins add and lift them
/// (`FirmBlockActions`: never the warning list or the firm's allowlist), as on the dashboard.
struct FirmBlocksAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.organisationBlocks, use: list)
        routes.post(APIURL.organisationBlocks, use: create)
        routes.delete(APIURL.organisationBlock, use: remove)
    }

    struct BlockDTO: Content {
        let id: UUID
        let value: String
        let type: String
        let reason: String
        let createdAt: Date
        let expiresAt: Date
    }

    struct NewBlocks: Content {
        let addresses: [String]
        let reason: String?
        let days: Int?
    }

    /// Live blocks, newest first.
    @Sendable func list(req: Request) async throws -> [BlockDTO] {
        let person = try req.requireAPIPerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        return try await Self.blocks(of: try firm.requireID(), values: nil, req: req)
    }

    /// Blocks the addresses (at most 100) for `days` (1–365, default 30); answers the blocks they are now.
    @Sendable func create(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        let id = try firm.requireID()
        let body = try req.content.decode(NewBlocks.self)
        _ = try await FirmBlockActions.block(body.addresses.joined(separator: "\n"), reason: body.reason, days: body.days.map(String.init), firm: id,
                                             by: person, feed: req.shieldwall.links.firmThreatFeed, ctx: ActionContext(req))
        let values = body.addresses.compactMap { try? IndicatorValue.normalise($0).get().value }
        return try await Self.blocks(of: id, values: values, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func remove(req: Request) async throws -> HTTPStatus {
        let person = try req.requireAPIPerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        guard let blockID = req.parameters.get(.blockID, as: UUID.self) else { throw Refusal(.notFound, "integrations.error.no-block") }
        try await FirmBlockActions.lift(blockID, firm: try firm.requireID(), by: person, ctx: ActionContext(req))
        return .noContent
    }

    static func blocks(of firm: UUID, values: [String]?, req: Request) async throws -> [BlockDTO] {
        var query = FirmBlock.query(on: req.db).filter(\.$organisation.$id == firm).filter(\.$expiresAt > req.now)
        if let values { query = query.filter(\.$value ~~ values) }
        return try await query.sort(\.$createdAt, .descending).limit(FirmBlockActions.listedAtMost).all().map {
            BlockDTO(id: try $0.requireID(), value: $0.value, type: $0.type, reason: $0.reason, createdAt: $0.createdAt, expiresAt: $0.expiresAt)
        }
    }
}
