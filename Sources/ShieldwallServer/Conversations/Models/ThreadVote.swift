import Fluent
import Foundation
import ShieldwallCore

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
