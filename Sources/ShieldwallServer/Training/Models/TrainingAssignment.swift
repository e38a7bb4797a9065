import Fluent
import Foundation
import ShieldwallCore

/// A firm's admin asks one person, or everyone in the firm (now and later), to do a course by a day.
public final class TrainingAssignment: Model, @unchecked Sendable {
    public static let schema = "training_assignments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    /// `CourseKey` as text.
    @Field(key: "course_key") public var courseKey: String
    /// Nil: everyone in the firm, including people who join later.
    @OptionalParent(key: "person_id") public var person: Person?
    @Field(key: "due_on") public var dueOn: String
    @Field(key: "assigned_on") public var assignedOn: String
    @OptionalParent(key: "assigned_by_id") public var assignedBy: Person?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var everyone: Bool { $person.id == nil }
}

/// A reminder an admin sent one person about one assignment (at most one a day).
public final class TrainingReminder: Model, @unchecked Sendable {
    public static let schema = "training_reminders"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "assignment_id") public var assignment: TrainingAssignment
    @Parent(key: "person_id") public var person: Person
    @Field(key: "sent_at") public var sentAt: Date

    public init() {}

    public init(assignmentID: UUID, personID: UUID, at date: Date) {
        $assignment.id = assignmentID
        $person.id = personID
        sentAt = date
    }
}

/// A community event held on a course: the people going do the course together.
public final class TrainingSession: Model, @unchecked Sendable {
    public static let schema = "training_sessions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "event_id") public var event: CommunityEvent
    @Field(key: "course_key") public var courseKey: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(communityID: UUID, eventID: UUID, course: CourseKey, at date: Date) {
        $community.id = communityID
        $event.id = eventID
        courseKey = course.description
        createdAt = date
    }
}
