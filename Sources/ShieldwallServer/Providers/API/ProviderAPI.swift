import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The provider directory through the API, with the same rules as the pages (`ProviderScope`, `ProviderActions`).
struct ProviderAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.providers, use: list)
        routes.post(APIURL.providers, use: propose)
        routes.get(APIURL.provider, use: show)
        routes.post(APIURL.providerDecision, use: decide)
    }

    struct Entry: Content {
        let id: UUID
        let name: String
        let website: String
        let services: [String]
        let area: String
        let clientSizes: [String]
        let certifications: [Certification]
        /// `pending` or `approved`.
        let status: String

        init(_ c: ProviderCard) {
            id = c.id
            name = c.name
            website = c.website
            services = c.services.map(\.rawValue)
            area = c.area
            clientSizes = c.clientSizes.map(\.rawValue)
            certifications = c.certifications
            status = c.pending ? "pending" : "approved"
        }
    }

    struct Listing: Content {
        let providers: [Entry]
        let pending: [Entry]
        let nextPage: Int?
    }

    struct Proposal: Content {
        var name: String?
        var website: String?
        var services: [String]?
        var area: String?
        var clientSizes: [String]?
        var certifications: [String]?
    }

    struct Decision: Content {
        var decision: String?
    }

    @Sendable func list(req: Request) async throws -> Listing {
        let person = try req.requireAPIPerson()
        let query = try req.query.decode(ProvidersPage.Query.self)
        if let service = query.service, ProviderService(rawValue: service) == nil {
            throw ValidationFailure(field: "service", key: "error.choose-one")
        }
        let page = try await ProvidersPage.build(person, query: query, on: req.db)
        return Listing(providers: page.rows.map(Entry.init), pending: page.pending.map(Entry.init), nextPage: page.more ? page.page + 1 : nil)
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let body = try req.content.decode(Proposal.self)
        let words = ProviderActions.Words(name: body.name, website: body.website, services: body.services ?? [], area: body.area,
                                          clientSizes: body.clientSizes ?? [], certifications: (body.certifications ?? []).joined(separator: "\n"))
        let provider = try await ProviderActions.propose(words, by: person, curator: try await ProviderScope.canCurate(person, on: req.db),
                                                         ctx: ActionContext(req))
        return try await Entry(try ProviderCard(provider)).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> Entry {
        let person = try req.requireAPIPerson()
        return Entry(try ProviderCard(try await ProviderScope.load(req, person: person).0))
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        guard curator else { throw Refusal(.forbidden, "providers.error.curators-decide") }
        let decision = try req.content.decode(Decision.self).decision
        guard decision == "approve" || decision == "decline" else { throw ValidationFailure(field: "decision", key: "error.choose-one") }
        try await ProviderActions.decide(provider, approve: decision == "approve", by: person, ctx: ActionContext(req))
        if decision == "decline" { return Response(status: .noContent) }
        return try await Entry(try ProviderCard(provider)).encodeResponse(for: req)
    }
}
