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

/// A reply in a thread.
public final class ThreadPost: Model, @unchecked Sendable {
    public static let schema = "posts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "thread_id") public var thread: ConversationThread
    @Parent(key: "author_id") public var author: Person
    @Field(key: "body") public var body: String
    /// Written by an expert or the facilitator of the community (at the time of writing).
    @Field(key: "expert") public var expert: Bool
    @Field(key: "helpful_count") public var helpfulCount: Int
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "edited_at") public var editedAt: Date?

    public init() {}

    public init(threadID: UUID, authorID: UUID, body: String, expert: Bool, at: Date) {
        self.$thread.id = threadID
        self.$author.id = authorID
        self.body = body
        self.expert = expert
        helpfulCount = 0
        createdAt = at
    }
}

/// The words before an edit (of a thread's opening post when `post` is nil), kept as its history.
public final class PostRevision: Model, @unchecked Sendable {
    public static let schema = "post_revisions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "thread_id") public var thread: ConversationThread
    @OptionalParent(key: "post_id") public var post: ThreadPost?
    @Parent(key: "editor_id") public var editor: Person
    @OptionalField(key: "title") public var title: String?
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(threadID: UUID, postID: UUID?, editorID: UUID, title: String?, body: String, at: Date) {
        self.$thread.id = threadID
        self.$post.id = postID
        self.$editor.id = editorID
        self.title = title
        self.body = body
        createdAt = at
    }
}

/// "Helpful" on a reply: one a person.
public final class PostReaction: Model, @unchecked Sendable {
    public static let schema = "post_reactions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "post_id") public var post: ThreadPost
    @Parent(key: "person_id") public var person: Person

    public init() {}

    public init(postID: UUID, personID: UUID) {
        self.$post.id = postID
        self.$person.id = personID
    }
}

/// "Me too" on a question: one a person.
public final class ThreadVote: Model, @unchecked Sendable {
    public static let schema = "thread_votes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "thread_id") public var thread: ConversationThread
    @Parent(key: "person_id") public var person: Person

    public init() {}

    public init(threadID: UUID, personID: UUID) {
        self.$thread.id = threadID
        self.$person.id = personID
    }
}

/// A post reported to the facilitator.
public final class PostFlag: Model, @unchecked Sendable {
    public static let schema = "post_flags"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "thread_id") public var thread: ConversationThread
    @OptionalParent(key: "post_id") public var post: ThreadPost?
    @Parent(key: "reporter_id") public var reporter: Person
    @Field(key: "reason") public var reason: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    @OptionalParent(key: "resolved_by_id") public var resolvedBy: Person?

    public init() {}

    public init(threadID: UUID, postID: UUID?, reporterID: UUID, reason: String, at: Date) {
        self.$thread.id = threadID
        self.$post.id = postID
        self.$reporter.id = reporterID
        self.reason = reason
        createdAt = at
    }
}
