import Fluent
import Foundation
import ShieldwallCore

/// The account another instance reads this one's TAXII server with: named, its token shown once and kept as a
/// digest, revocable. It reads CLEAR and GREEN reports of every community, and TLP:AMBER only of the communities
/// whose facilitators agreed (`PeerAccountShare`). It writes only where an operator let it push: into one community,
/// up to one marking (TLP:AMBER only once that community's facilitator agreed).
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
    /// Where it may push, up to which marking, and which operator allowed it; none of them when it may not.
    @OptionalParent(key: "push_community_id") public var pushCommunity: Community?
    @OptionalChoice(key: "push_highest_tlp") public var pushHighest: TLP?
    @OptionalParent(key: "push_allowed_by_id") public var pushAllowedBy: Person?
    @OptionalField(key: "last_push_at") public var lastPushAt: Date?
    @Field(key: "objects_pushed") public var objectsPushed: Int

    public init() {}
}

/// A report another instance pushed with its reading account, and when.
public final class ReportPush: Model, @unchecked Sendable {
    public static let schema = "report_pushes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "report_id") public var report: ThreatReport
    @Parent(key: "account_id") public var account: PeerAccount
    @Field(key: "collection_id") public var collectionID: String
    @Field(key: "pushed_at") public var pushedAt: Date

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
