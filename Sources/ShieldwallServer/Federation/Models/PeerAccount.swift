import Fluent
import Foundation

/// The account another instance reads this one's TAXII server with: named, its token shown once and kept as a
/// digest, read-only, revocable. It reads CLEAR and GREEN reports of every community, and TLP:AMBER only of the
/// communities whose facilitators agreed (`PeerAccountShare`).
public final class PeerAccount: Model, @unchecked Sendable {
    public static let schema = "peer_accounts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "token_digest") public var tokenDigest: String
    @Field(key: "visible_prefix") public var visiblePrefix: String
    @OptionalParent(key: "created_by_id") public var createdBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}
}

/// A community's facilitator let one reading account read the community's TLP:AMBER reports.
public final class PeerAccountShare: Model, @unchecked Sendable {
    public static let schema = "peer_account_shares"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "account_id") public var account: PeerAccount
    @Parent(key: "community_id") public var community: Community
    @OptionalParent(key: "agreed_by_id") public var agreedBy: Person?
    @Field(key: "agreed_at") public var agreedAt: Date

    public init() {}
}
