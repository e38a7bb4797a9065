import Fluent
import Foundation

/// A signed-in browser. The cookie holds a random token; the table holds only its digest, so sessions
/// are shared by every `serve` process on the same database and cannot be lifted from a backup.
public final class WebSession: Model, @unchecked Sendable {
    public static let schema = "web_sessions"

    /// `password`: the password was right and a second factor is still asked; `full`: signed in.
    public enum Stage: String, StoredChoice { case password, full }

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_digest") public var tokenDigest: String
    @Parent(key: "person_id") public var person: Person
    @Choice(key: "stage") public var stage: Stage
    @Field(key: "csrf_token") public var csrfToken: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date
    @Field(key: "user_agent") public var userAgent: String
    @Field(key: "address") public var address: String

    public init() {}

    public init(tokenDigest: String, personID: UUID, stage: Stage, csrfToken: String, at: Date, userAgent: String, address: String) {
        self.tokenDigest = tokenDigest
        self.$person.id = personID
        self.stage = stage
        self.csrfToken = csrfToken
        self.createdAt = at
        self.lastSeenAt = at
        self.userAgent = userAgent
        self.address = address
    }
}

extension WebSession {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $tokenDigest, $person, $stage, $csrfToken, $createdAt, $lastSeenAt, $userAgent, $address,
        ]
    }
}
