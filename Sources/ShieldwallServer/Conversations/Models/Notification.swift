import Fluent
import Foundation
import ShieldwallCore

/// Something a person is told about. It holds references, not words: what it says is read through the
/// person's access when shown or mailed, so it can never carry content they may no longer see.
public final class PersonNotification: Model, @unchecked Sendable {
    public static let schema = "notifications"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @Parent(key: "community_id") public var community: Community
    @Choice(key: "kind") public var kind: NotificationKind
    @OptionalParent(key: "thread_id") public var thread: ConversationThread?
    @OptionalParent(key: "event_id") public var event: CommunityEvent?
    @OptionalParent(key: "actor_id") public var actor: Person?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?
    /// When it went out by e-mail (at once or in a digest).
    @OptionalField(key: "mailed_at") public var mailedAt: Date?
    /// What it is about when another part keeps it (a plan version, a call for help, a threat report); that part
    /// words it for the reader (`NotificationSubjects`).
    @OptionalField(key: "subject_id") public var subjectID: UUID?

    public init() {}

    public init(personID: UUID, communityID: UUID, kind: NotificationKind, threadID: UUID?, eventID: UUID? = nil, actorID: UUID?, at: Date) {
        self.$person.id = personID
        self.$community.id = communityID
        self.kind = kind
        self.$thread.id = threadID
        self.$event.id = eventID
        self.$actor.id = actorID
        createdAt = at
    }

}

extension PersonNotification {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $person, $community, $kind, $thread, $event, $actor, $createdAt, $readAt, $mailedAt, $subjectID,
        ]
    }
}

/// How a person wants to hear, the token of their one-click unsubscribe link and of their private Atom feeds.
public final class NotificationSetting: Model, @unchecked Sendable {
    public static let schema = "notification_settings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @Choice(key: "delivery") public var delivery: NotificationDelivery
    @Field(key: "unsubscribe_token") public var unsubscribeToken: String
    @OptionalField(key: "last_digest_at") public var lastDigestAt: Date?
    /// When a job took this digest to send; a claim older than `DigestJob.lease` has lapsed.
    @OptionalField(key: "digest_claimed_at") public var digestClaimedAt: Date?
    /// The digest of the person's private Atom feed token (one for all their communities' feeds; a new one revokes the old).
    @OptionalField(key: "feed_token_digest") public var feedTokenDigest: String?
    /// Which new threat reports they hear of.
    @Choice(key: "reports") public var reports: ReportNotices
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(personID: UUID, delivery: NotificationDelivery, token: String, at: Date) {
        self.$person.id = personID
        self.delivery = delivery
        reports = .all
        unsubscribeToken = token
        updatedAt = at
    }

}

/// A named job held by one instance until it expires (see `JobLease`).
public final class JobLeaseRow: Model, @unchecked Sendable {
    public static let schema = "job_leases"

    @ID(custom: "name", generatedBy: .user) public var id: String?
    @Field(key: "holder") public var holder: String
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
}
