import Fluent
import Foundation
import ShieldwallCore

/// A guided lab for beginners in a chapter: a sequence of steps written by the facilitator or an expert.
public final class Lab: Model, @unchecked Sendable {
    public static let schema = "labs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    @OptionalParent(key: "created_by_id") public var createdBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @Children(for: \.$lab) public var steps: [LabStep]

    public init() {}
}

/// One step: instructions (markdown), a hint, and an answer kept only as a digest (`FlagDigest` of its lower-case
/// form). A step without an answer is done when the learner says so.
public final class LabStep: Model, @unchecked Sendable {
    public static let schema = "lab_steps"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "lab_id") public var lab: Lab
    @Field(key: "position") public var position: Int
    @Field(key: "title") public var title: String
    @Field(key: "instructions") public var instructions: String
    @Field(key: "hint") public var hint: String
    @OptionalField(key: "answer_salt") public var answerSalt: String?
    @OptionalField(key: "answer_digest") public var answerDigest: String?

    public init() {}

    var answer: FlagDigest? { answerSalt.flatMap { salt in answerDigest.map { FlagDigest(salt: salt, digest: $0) } } }
}

/// A step someone has done.
public final class LabProgress: Model, @unchecked Sendable {
    public static let schema = "lab_progress"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "lab_id") public var lab: Lab
    @Parent(key: "step_id") public var step: LabStep
    @Parent(key: "person_id") public var person: Person
    @Field(key: "done_at") public var doneAt: Date

    public init() {}
}
