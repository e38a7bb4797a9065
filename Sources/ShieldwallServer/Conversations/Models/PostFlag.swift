import Fluent
import Foundation
import ShieldwallCore

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
