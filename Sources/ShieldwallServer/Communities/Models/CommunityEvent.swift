import Fluent
import Foundation

/// A webinar, meeting in person, AMA or workshop in a community's calendar.
public final class CommunityEvent: Model, @unchecked Sendable {
    public static let schema = "community_events"

    public enum Kind: String, StoredChoice { case webinar, inPerson = "in_person", ama, workshop, ctf }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Choice(key: "kind") public var kind: Kind
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    /// The IANA zone the organiser set the time in (`Europe/London`), for showing local times.
    @Field(key: "time_zone") public var timeZone: String
    @Field(key: "location") public var location: String
    @OptionalField(key: "capacity") public var capacity: Int?
    /// Events created together from one toolkit rhythm share a series id.
    @OptionalField(key: "series_id") public var seriesID: UUID?
    @Field(key: "cancelled") public var cancelled: Bool
    @Field(key: "attendance_taken") public var attendanceTaken: Bool
    @OptionalParent(key: "created_by_id") public var createdBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(communityID: UUID, kind: Kind, title: String, description: String, startsAt: Date, endsAt: Date, timeZone: String,
                location: String, capacity: Int?, seriesID: UUID?, createdByID: UUID?, createdAt: Date) {
        self.$community.id = communityID
        self.kind = kind
        self.title = title
        self.description = description
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.location = location
        self.capacity = capacity
        self.seriesID = seriesID
        self.cancelled = false
        self.attendanceTaken = false
        self.$createdBy.id = createdByID
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

extension CommunityEvent {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $community, $kind, $title, $description, $startsAt, $endsAt, $timeZone, $location, $capacity, $seriesID, $cancelled,
            $attendanceTaken, $createdBy, $createdAt, $updatedAt,
        ]
    }
}

/// One person's answer to an event, and whether they came.
public final class EventResponse: Model, @unchecked Sendable {
    public static let schema = "event_responses"

    public enum Answer: String, StoredChoice { case going, maybe, notGoing = "not_going" }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "event_id") public var event: CommunityEvent
    @Parent(key: "person_id") public var person: Person
    @Choice(key: "answer") public var answer: Answer
    @OptionalField(key: "attended") public var attended: Bool?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(eventID: UUID, personID: UUID, answer: Answer, updatedAt: Date) {
        self.$event.id = eventID
        self.$person.id = personID
        self.answer = answer
        self.updatedAt = updatedAt
    }
}

extension EventResponse {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] { [$id, $event, $person, $answer, $attended, $updatedAt] }
}
