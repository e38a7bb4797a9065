import Fluent
import Foundation
import ShieldwallCore

/// An address a firm blocks itself (from a recommendation or typed by its admin), sent to its bouncers until it expires.
public final class FirmBlock: Model, @unchecked Sendable {
    public static let schema = "firm_blocks"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "value") public var value: String
    /// `ipv4`, `ipv6` or `cidr`.
    @Field(key: "type") public var type: String
    @Field(key: "reason") public var reason: String
    @OptionalParent(key: "created_by_id") public var createdBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
}

/// What one bouncer (one integration key) was last sent, so the next pull sends only what changed.
public final class BouncerState: Model, @unchecked Sendable {
    public static let schema = "bouncer_states"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "key_id") public var key: IntegrationKey
    /// The values sent, one per line, sorted.
    @Field(key: "delivered") public var delivered: String
    /// SHA-256 of `delivered`: an unchanged list is neither read nor written again.
    @Field(key: "delivered_digest") public var deliveredDigest: String
    @Field(key: "pulled_at") public var pulledAt: Date

    public init() {}
}
