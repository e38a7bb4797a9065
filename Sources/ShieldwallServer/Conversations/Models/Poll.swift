import Fluent
import Foundation

/// A poll in a thread. Who voted and what was chosen are stored apart (`PollVoter`, `PollBallot`).
public final class Poll: Model, @unchecked Sendable {
    public static let schema = "polls"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "thread_id") public var thread: ConversationThread
    @Field(key: "question") public var question: String
    @Field(key: "multiple") public var multiple: Bool
    @Field(key: "closes_at") public var closesAt: Date
    @Field(key: "closed_early") public var closedEarly: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(threadID: UUID, question: String, multiple: Bool, closesAt: Date, at: Date) {
        self.$thread.id = threadID
        self.question = question
        self.multiple = multiple
        self.closesAt = closesAt
        closedEarly = false
        createdAt = at
    }
}

public final class PollOption: Model, @unchecked Sendable {
    public static let schema = "poll_options"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "poll_id") public var poll: Poll
    @Field(key: "label") public var label: String
    @Field(key: "position") public var position: Int

    public init() {}

    public init(pollID: UUID, label: String, position: Int) {
        self.$poll.id = pollID
        self.label = label
        self.position = position
    }
}

/// That a person voted (unique per poll) — not what they chose.
public final class PollVoter: Model, @unchecked Sendable {
    public static let schema = "poll_voters"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "poll_id") public var poll: Poll
    @Parent(key: "person_id") public var person: Person

    public init() {}

    public init(pollID: UUID, personID: UUID) {
        self.$poll.id = pollID
        self.$person.id = personID
    }
}

/// One choice made — not by whom.
public final class PollBallot: Model, @unchecked Sendable {
    public static let schema = "poll_ballots"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "poll_id") public var poll: Poll
    @Parent(key: "option_id") public var option: PollOption

    public init() {}

    public init(pollID: UUID, optionID: UUID) {
        self.$poll.id = pollID
        self.$option.id = optionID
    }
}
