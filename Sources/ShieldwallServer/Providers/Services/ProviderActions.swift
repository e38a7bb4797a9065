import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Proposing a provider, and a curator's decision on it. Problems come back field by field; a duplicate names the
/// entry that is already there.
enum ProviderActions {
    /// The form as people fill it in.
    struct Words: Sendable {
        var name: String?
        var website: String?
        var services: [String] = []
        var area: String?
        var clientSizes: [String] = []
        /// One per line.
        var certifications: String?
    }

    /// The listing in `words`, or every problem with it (duplicates included, other than the entry being edited).
    static func listing(_ words: Words, on db: any Database, excluding entry: UUID? = nil) async throws -> ProviderListing {
        var problems = ProblemList()
        let services = words.services.compactMap(ProviderService.init(rawValue:))
        if services.count != words.services.count { problems.add("services", "error.choose-one") }
        let sizes = words.clientSizes.compactMap(ClientSize.init(rawValue:))
        if sizes.count != words.clientSizes.count { problems.add("client_sizes", "error.choose-one") }
        let certifications = (words.certifications ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let listing = ProviderListing(name: words.name ?? "", website: words.website ?? "", services: services, area: words.area ?? "",
                                      clientSizes: sizes, certifications: certifications)
        for problem in listing.problems() {
            switch problem {
            case .required(let field): problems.add(field.rawValue, "error.required")
            case .tooLong(let field, let max): problems.add(field.rawValue, "error.too-long", ["max": String(max)])
            case .badWebsite: problems.add("website", "providers.error.website")
            case .tooMany(let field, let max): problems.add(field.rawValue, "providers.error.too-many", ["max": String(max)])
            }
        }
        try problems.throwIfAny()
        let key = ProviderListing.nameKey(listing.name), host = ProviderListing.host(of: listing.website) ?? ""
        let near = try await Provider.query(on: db).group(.or) { $0.filter(\.$nameKey == key).filter(\.$host == host) }.all()
        if let twin = ProviderListing.duplicate(of: listing, among: near.compactMap { p in p.id.map { ($0, p.name, p.website) } }, excluding: entry),
           let entry = near.first(where: { $0.id == twin }) {
            throw ValidationFailure(field: "name", key: "providers.error.duplicate", values: ["name": entry.name])
        }
        return listing
    }

    /// A new entry, pending until a curator approves it — or approved at once when a curator proposes it.
    static func propose(_ words: Words, by person: SignedIn, curator: Bool, ctx: ActionContext) async throws -> Provider {
        let listing = try await listing(words, on: ctx.db)
        let provider = Provider()
        provider.apply(listing)
        provider.status = curator ? .approved : .pending
        provider.$proposedBy.id = person.personID
        provider.createdAt = ctx.now
        if curator {
            provider.$decidedBy.id = person.personID
            provider.decidedAt = ctx.now
        }
        try await save(provider, on: ctx.db)
        return provider
    }

    /// A curator corrects an entry: the same checks as a proposal, and certifications still named keep the operator's
    /// check.
    static func edit(_ provider: Provider, _ words: Words, curator: Bool, ctx: ActionContext) async throws {
        guard curator else { throw Refusal(.forbidden, "providers.error.curators-edit") }
        provider.apply(try await listing(words, on: ctx.db, excluding: try provider.requireID()))
        try await save(provider, on: ctx.db)
    }

    /// A curator approves a pending entry (`decision` is `approve`) or declines it (`decline`: it is removed).
    /// Answers whether it was approved.
    static func decide(_ provider: Provider, decision: String?, curator: Bool, by person: SignedIn, ctx: ActionContext) async throws -> Bool {
        guard curator else { throw Refusal(.forbidden, "providers.error.curators-decide") }
        guard decision == "approve" || decision == "decline" else { throw ValidationFailure(field: "decision", key: "error.choose-one") }
        guard provider.status == .pending else { throw ValidationFailure(field: "decision", key: "providers.error.decided") }
        let approve = decision == "approve"
        if approve {
            provider.status = .approved
            provider.$decidedBy.id = person.personID
            provider.decidedAt = ctx.now
            try await provider.update(on: ctx.db)
        } else {
            try await provider.delete(on: ctx.db)
        }
        return approve
    }

    /// The operator has seen the certificate: the certification `name` shows as checked (or, `checked` false, as
    /// stated again).
    static func verify(_ provider: Provider, certification name: String?, checked: Bool, by person: SignedIn, ctx: ActionContext) async throws {
        guard ProviderAccess.canVerify(person.viewer) else { throw Refusal(.forbidden, "providers.error.operator-verifies") }
        var list = provider.certifications
        guard let index = list.firstIndex(where: { $0.name == name }) else { throw ValidationFailure(field: "certification", key: "error.choose-one") }
        list[index].verified = checked
        provider.certificationsJSON = String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
        try await provider.update(on: ctx.db)
    }

    /// Saves, turning a lost race with another proposal of the same provider (the unique name key or host) into
    /// the same problem the check gives.
    private static func save(_ provider: Provider, on db: any Database) async throws {
        do {
            try await provider.save(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ValidationFailure(field: "name", key: "providers.error.duplicate", values: ["name": provider.name])
        }
    }
}
