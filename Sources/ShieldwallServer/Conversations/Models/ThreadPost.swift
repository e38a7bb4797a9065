import Fluent
import Foundation
import ShieldwallCore

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

extension ThreadPost {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] { [$id, $thread, $author, $body, $expert, $helpfulCount, $createdAt, $editedAt] }
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
