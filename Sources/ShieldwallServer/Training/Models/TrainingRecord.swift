import Fluent
import Foundation
import ShieldwallCore

/// One thing a person did: a quiz taken (passed or not, with its score) or an external course they say they finished.
/// Theirs and their firm admin's only (`TrainingAccess.canSeeRecord`).
public final class TrainingRecord: Model, @unchecked Sendable {
    public static let schema = "training_records"

    public enum Kind: String, StoredChoice { case quiz, declared }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    /// The firm they were in at the time.
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @Field(key: "course_key") public var courseKey: String
    @Choice(key: "kind") public var kind: Kind
    @Field(key: "language") public var language: String
    @OptionalField(key: "module_version") public var moduleVersion: Int?
    @OptionalField(key: "correct") public var correct: Int?
    @OptionalField(key: "total") public var total: Int?
    @Field(key: "passed") public var passed: Bool
    /// A calendar day: the quiz's day, or the day they say they finished.
    @Field(key: "completed_on") public var completedOn: String
    /// Question id → option id, as JSON (quizzes only).
    @OptionalField(key: "answers") public var answersJSON: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
