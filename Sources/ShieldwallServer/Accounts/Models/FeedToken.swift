import Fluent
import Foundation

/// A personal, revocable address for a tool without a session (a firewall fetching a blocklist, a calendar
/// app): the token is the key, stored as a digest. One per person, community and purpose; what it answers is
/// decided by its holder's access today, and a new one replaces the old.
public final class FeedToken: Model, @unchecked Sendable {
    public static let schema = "feed_tokens"

    /// What the address gives. A token opens only what it was made for.
    public enum Purpose: String, StoredChoice {
        case blocklist, calendar
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "community_id") public var communityID: UUID
    @Parent(key: "person_id") public var person: Person
    @Choice(key: "purpose") public var purpose: Purpose
    @Field(key: "token_digest") public var tokenDigest: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?

    public init() {}

    public init(purpose: Purpose, communityID: UUID, personID: UUID, tokenDigest: String, createdAt: Date) {
        self.purpose = purpose
        self.communityID = communityID
        self.$person.id = personID
        self.tokenDigest = tokenDigest
        self.createdAt = createdAt
    }
}
