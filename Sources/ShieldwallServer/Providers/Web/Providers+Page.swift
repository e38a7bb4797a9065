import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// One directory entry as lists and its page show it.
struct ProviderCard: Sendable {
    let id: UUID
    let name: String
    let website: String
    let services: [ProviderService]
    let area: String
    let clientSizes: [ClientSize]
    let certifications: [Certification]
    let pending: Bool

    init(_ p: Provider) throws {
        id = try p.requireID()
        name = p.name
        website = p.website
        services = p.services
        area = p.area
        clientSizes = p.clientSizes
        certifications = p.certifications
        pending = p.status == .pending
    }
}

/// The directory: approved providers (filtered by service, paged), proposals waiting for a decision.
struct ProvidersPage: Sendable {
    let service: ProviderService?
    let page: Int
    let rows: [ProviderCard]
    let more: Bool
    let pending: [ProviderCard]
    let curator: Bool

    struct Query: Content {
        var service: String?
        var page: Int?
    }

    static func build(_ person: SignedIn, query: Query, on db: any Database) async throws -> ProvidersPage {
        let service = query.service.flatMap(ProviderService.init(rawValue:))
        let page = max(1, min(query.page ?? 1, 10_000))
        let curator = try await ProviderScope.canCurate(person, on: db)
        let (rows, more) = try await ProviderScope.approved(offering: service, page: page, on: db)
        return ProvidersPage(service: service, page: page, rows: try rows.map(ProviderCard.init), more: more,
                             pending: try await ProviderScope.pending(for: person, curator: curator, on: db).map(ProviderCard.init), curator: curator)
    }
}

/// Proposing a provider.
struct ProviderFormPage: Sendable {
    var form = ProviderForm()
    var errors: [String: String] = [:]
    let curator: Bool
}

struct ProviderForm: Content {
    var name: String?
    var website: String?
    var services: [String]?
    var area: String?
    var client_sizes: [String]?
    var certifications: String?

    var words: ProviderActions.Words {
        .init(name: name, website: website, services: services ?? [], area: area, clientSizes: client_sizes ?? [], certifications: certifications)
    }
}

/// One provider.
struct ProviderPage: Sendable {
    let card: ProviderCard
    let proposedBy: String?
    let curator: Bool
}

struct ProviderDecisionForm: Content {
    /// `approve` or `decline`.
    var decision: String?
}
