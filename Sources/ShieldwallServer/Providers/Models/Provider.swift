import Fluent
import Foundation
import ShieldwallCore

/// An IT or security provider in the instance-wide directory: proposed by a member, approved by a curator
/// (the operator or a facilitator). A declined proposal is removed, so the name is free to propose again.
public final class Provider: Model, @unchecked Sendable {
    public static let schema = "providers"

    public enum Status: String, StoredChoice { case pending, approved }

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// `ProviderListing.nameKey(name)`, unique.
    @Field(key: "name_key") public var nameKey: String
    @Field(key: "website") public var website: String
    /// `ProviderListing.host(of: website)`, unique.
    @Field(key: "host") public var host: String
    /// The services, as `,backup,managed-it,` so that one can be found with a plain `LIKE`.
    @Field(key: "services") public var servicesText: String
    @Field(key: "area") public var area: String
    @Field(key: "client_sizes") public var clientSizesText: String
    /// JSON: `[Certification]`.
    @Field(key: "certifications") public var certificationsJSON: String
    @Choice(key: "status") public var status: Status
    @OptionalParent(key: "proposed_by_id") public var proposedBy: Person?
    @OptionalParent(key: "decided_by_id") public var decidedBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}

    var services: [ProviderService] { servicesText.split(separator: ",").compactMap { ProviderService(rawValue: String($0)) } }
    var clientSizes: [ClientSize] { clientSizesText.split(separator: ",").compactMap { ClientSize(rawValue: String($0)) } }
    var certifications: [Certification] {
        // A new entry has none yet (reading an unset field would trap).
        (try? JSONDecoder().decode([Certification].self, from: Data(($certificationsJSON.value ?? "[]").utf8))) ?? []
    }

    /// Writes `listing` (already checked) into this entry, keeping what an operator verified of certifications
    /// still named.
    func apply(_ listing: ProviderListing) {
        name = listing.name.trimmingCharacters(in: .whitespacesAndNewlines)
        nameKey = ProviderListing.nameKey(name)
        website = ProviderListing.normalisedWebsite(listing.website)
        host = ProviderListing.host(of: website) ?? ""
        servicesText = Self.joined(ProviderService.allCases.filter(listing.services.contains).map(\.rawValue))
        area = listing.area.trimmingCharacters(in: .whitespacesAndNewlines)
        clientSizesText = Self.joined(ClientSize.allCases.filter(listing.clientSizes.contains).map(\.rawValue))
        let verified = Set(certifications.filter(\.verified).map(\.name))
        let named = listing.certifications.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let list = named.map { Certification(name: $0, verified: verified.contains($0)) }
        certificationsJSON = String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func joined(_ values: [String]) -> String { values.isEmpty ? "" : "," + values.joined(separator: ",") + "," }
}
