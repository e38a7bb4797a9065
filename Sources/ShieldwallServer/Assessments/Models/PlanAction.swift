import Fluent
import Foundation

/// A recommendation the firm decided to act on: who does it, by when, and how far it got.
public final class PlanAction: Model, @unchecked Sendable {
    public static let schema = "plan_actions"

    public enum Status: String, StoredChoice { case todo, doing, done, notApplicable = "not-applicable" }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "recommendation_id") public var recommendationID: String
    @Field(key: "title") public var title: String
    @OptionalParent(key: "owner_id") public var owner: Person?
    /// A calendar day, `yyyy-MM-dd`.
    @OptionalField(key: "due_on") public var dueOn: String?
    @Choice(key: "status") public var status: Status
    @OptionalField(key: "not_applicable_reason") public var notApplicableReason: String?
    @Field(key: "notes") public var notes: String
    @OptionalParent(key: "created_by_id") public var createdBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "done_at") public var doneAt: Date?

    public init() {}

    public init(organisationID: UUID, recommendationID: String, title: String, createdBy: UUID?, at date: Date) {
        self.$organisation.id = organisationID
        self.recommendationID = recommendationID
        self.title = title
        self.status = Status.todo
        self.notes = ""
        self.$createdBy.id = createdBy
        self.createdAt = date
        self.updatedAt = date
    }

    public var isOpen: Bool { status == .todo || status == .doing }

    /// Open and due before `today` (`yyyy-MM-dd`, compared as text).
    public func isOverdue(today: String) -> Bool { isOpen && (dueOn.map { $0 < today } ?? false) }
}

extension PlanAction {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $organisation, $recommendationID, $title, $owner, $dueOn, $status, $notApplicableReason, $notes, $createdBy, $createdAt,
            $updatedAt, $doneAt,
        ]
    }
}

/// One completed staff check-in: the person's own answers, seen only by them; their firm's admin
/// sees that it was done and whether it was weak.
public final class CoachResult: Model, @unchecked Sendable {
    public static let schema = "coach_results"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @Field(key: "checkin_id") public var checkInID: String
    @Field(key: "correct") public var correct: Int
    @Field(key: "total") public var total: Int
    /// Question id → option id, as JSON.
    @Field(key: "answers") public var answersJSON: String
    @Field(key: "completed_at") public var completedAt: Date

    public init() {}

    public init(personID: UUID, organisationID: UUID?, checkInID: String, correct: Int, total: Int, answers: [String: String], at date: Date) {
        self.$person.id = personID
        self.$organisation.id = organisationID
        self.checkInID = checkInID
        self.correct = correct
        self.total = total
        self.answersJSON = String(decoding: (try? JSONEncoder().encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
        self.completedAt = date
    }

    public var answers: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(answersJSON.utf8))) ?? [:]
    }
}
