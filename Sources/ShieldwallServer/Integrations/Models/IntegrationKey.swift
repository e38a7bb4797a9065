import Fluent
import Foundation
import ShieldwallCore

/// A key a firm's tool sends with (not a person's token): named, scoped, shown once, stored as a digest, revocable.
public final class IntegrationKey: Model, @unchecked Sendable {
    public static let schema = "integration_keys"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "name") public var name: String
    @Field(key: "token_digest") public var tokenDigest: String
    /// The first characters of the key, so people can tell their keys apart.
    @Field(key: "visible_prefix") public var visiblePrefix: String
    /// As `,alerts,devices,`.
    @Field(key: "scopes") public var scopesText: String
    @OptionalParent(key: "created_by_id") public var createdBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    var scopes: Set<IntegrationAccess.Scope> { Set(scopesText.split(separator: ",").compactMap { IntegrationAccess.Scope(rawValue: String($0)) }) }
}

/// An alert a firm's tool sent, folded with alike ones (`AlertFolding`): the firm's own, never shown outside it.
public final class FirmAlert: Model, @unchecked Sendable {
    public static let schema = "firm_alerts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @OptionalParent(key: "key_id") public var key: IntegrationKey?
    @Field(key: "source") public var source: String
    @Field(key: "kind") public var kind: String
    @Field(key: "severity") public var severity: String
    @Field(key: "host") public var host: String
    /// As `,192.0.2.1,2001:db8::1,` (order kept), so one address can be found with `LIKE`.
    @Field(key: "addresses") public var addressesText: String
    @Field(key: "summary") public var summary: String
    @Field(key: "first_at") public var firstAt: Date
    @Field(key: "last_at") public var lastAt: Date
    @Field(key: "count") public var count: Int
    @Field(key: "received_at") public var receivedAt: Date

    public init() {}

    var addresses: [String] { addressesText.split(separator: ",").map(String.init) }

    /// The stored alert as Core's rules see it.
    var alert: IngestAlert {
        IngestAlert(source: source, time: lastAt, severity: IngestAlert.Severity(rawValue: severity) ?? .info,
                    kind: IngestAlert.Kind(rawValue: kind) ?? .other, addresses: addresses, host: host, summary: summary)
    }

    var folded: AlertFolding.Folded { AlertFolding.Folded(alert: alert, count: count, first: firstAt, last: lastAt) }
}
