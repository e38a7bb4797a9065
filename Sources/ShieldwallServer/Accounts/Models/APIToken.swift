import Fluent
import Foundation

/// A personal API token for automation. Shown once; stored as a digest with a short visible prefix.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @Field(key: "name") public var name: String
    @Field(key: "token_digest") public var tokenDigest: String
    /// The first characters of the token, so people can tell their tokens apart.
    @Field(key: "visible_prefix") public var visiblePrefix: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(personID: UUID, name: String, tokenDigest: String, visiblePrefix: String, createdAt: Date) {
        self.$person.id = personID
        self.name = name
        self.tokenDigest = tokenDigest
        self.visiblePrefix = visiblePrefix
        self.createdAt = createdAt
    }
}
