import Fluent
import Foundation

/// A chapter member who offers to mentor, on some topics, for a few newcomers at a time.
public final class MentorOffer: Model, @unchecked Sendable {
    public static let schema = "mentor_offers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "person_id") public var person: Person
    /// Comma-separated, as `Mentoring.topics` tidies them.
    @Field(key: "topics") public var topics: String
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "note") public var note: String
    @Field(key: "active") public var active: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A newcomer asking for a mentor, with their goals.
public final class MenteeRequest: Model, @unchecked Sendable {
    public static let schema = "mentee_requests"

    public enum Status: String, StoredChoice { case open, paired, withdrawn }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "person_id") public var person: Person
    @Field(key: "topics") public var topics: String
    @Field(key: "goals") public var goals: String
    @Choice(key: "status") public var status: Status
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A mentor and a newcomer paired; either may end it. Its goals and meetings are theirs alone.
public final class Mentorship: Model, @unchecked Sendable {
    public static let schema = "mentorships"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "mentor_id") public var mentor: Person
    @Parent(key: "mentee_id") public var mentee: Person
    @Field(key: "goals") public var goals: String
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "ended_at") public var endedAt: Date?
    @OptionalParent(key: "ended_by_id") public var endedBy: Person?

    public init() {}
}

/// One meeting of a pair: the day and a few lines of notes.
public final class MentorshipMeeting: Model, @unchecked Sendable {
    public static let schema = "mentorship_meetings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentorship_id") public var mentorship: Mentorship
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "notes") public var notes: String
    @OptionalParent(key: "written_by_id") public var writtenBy: Person?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
