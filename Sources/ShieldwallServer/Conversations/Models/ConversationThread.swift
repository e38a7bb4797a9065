import Fluent
import Foundation
import ShieldwallCore

/// A thread in a community: a discussion, a question or an announcement, with its opening post.
/// Who sees it is decided by `ConversationScope` alone.
public final class ConversationThread: Model, @unchecked Sendable {
    public static let schema = "threads"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "author_id") public var author: Person
    @Choice(key: "kind") public var kind: ThreadKind
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    /// ",a,b," (see `Tags.stored`).
    @Field(key: "tags") public var tags: String
    @Field(key: "pinned") public var pinned: Bool
    @Field(key: "locked") public var locked: Bool
    @OptionalField(key: "accepted_post_id") public var acceptedPostID: UUID?
    /// The Ask-Me-Anything event whose questions this thread collects.
    @OptionalParent(key: "event_id") public var event: CommunityEvent?
    @Field(key: "reply_count") public var replyCount: Int
    @OptionalField(key: "first_expert_answer_at") public var firstExpertAnswerAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_activity_at") public var lastActivityAt: Date
    @OptionalField(key: "edited_at") public var editedAt: Date?

    public init() {}

    public init(communityID: UUID, authorID: UUID, kind: ThreadKind, title: String, body: String, tags: [String], at: Date) {
        self.$community.id = communityID
        self.$author.id = authorID
        self.kind = kind
        self.title = title
        self.body = body
        self.tags = Tags.stored(tags)
        pinned = false
        locked = false
        replyCount = 0
        createdAt = at
        lastActivityAt = at
    }

    public var tagList: [String] { Tags.read(tags) }
    public var isAnswered: Bool { acceptedPostID != nil || firstExpertAnswerAt != nil }
}

extension ConversationThread {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $community, $author, $kind, $title, $body, $tags, $pinned, $locked, $acceptedPostID, $event, $replyCount,
            $firstExpertAnswerAt, $createdAt, $lastActivityAt, $editedAt,
        ]
    }
}
