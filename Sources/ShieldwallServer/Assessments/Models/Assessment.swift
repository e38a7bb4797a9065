import Fluent
import Foundation
import ShieldwallCore

/// One self-assessment of a firm: a draft its people fill in together, then submitted by its admin
/// and kept, with its scores frozen, so progress can be shown over time.
public final class Assessment: Model, @unchecked Sendable {
    public static let schema = "assessments"

    public enum Status: String, StoredChoice { case draft, submitted }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "bank_version") public var bankVersion: String
    @Choice(key: "status") public var status: Status
    @OptionalParent(key: "started_by_id") public var startedBy: Person?
    @OptionalParent(key: "submitted_by_id") public var submittedBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "submitted_at") public var submittedAt: Date?
    @OptionalField(key: "overall") public var overall: Int?
    /// Area id → score, as JSON, frozen at submission.
    @OptionalField(key: "area_scores") public var areaScoresJSON: String?

    public init() {}

    public init(organisationID: UUID, bankVersion: String, startedBy: UUID?, createdAt: Date) {
        self.$organisation.id = organisationID
        self.bankVersion = bankVersion
        self.status = Status.draft
        self.$startedBy.id = startedBy
        self.createdAt = createdAt
    }

    public var isSubmitted: Bool { status == .submitted }

    public var areaScores: [String: Int] {
        get {
            guard let data = areaScoresJSON?.data(using: .utf8) else { return [:] }
            return (try? JSONDecoder().decode([String: Int].self, from: data)) ?? [:]
        }
        set {
            let data = (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8)
            areaScoresJSON = String(decoding: data, as: UTF8.self)
        }
    }
}

/// One answer (or profile answer) in an assessment; the last person to answer is kept.
public final class AssessmentAnswer: Model, @unchecked Sendable {
    public static let schema = "assessment_answers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "assessment_id") public var assessment: Assessment
    @Field(key: "question_id") public var questionID: String
    @Field(key: "option_id") public var optionID: String
    @OptionalParent(key: "answered_by_id") public var answeredBy: Person?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(assessmentID: UUID, questionID: String, optionID: String, answeredBy: UUID?, at date: Date) {
        self.$assessment.id = assessmentID
        self.questionID = questionID
        self.optionID = optionID
        self.$answeredBy.id = answeredBy
        self.updatedAt = date
    }
}

extension AssessmentAnswer {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] { [$id, $assessment, $questionID, $optionID, $answeredBy, $updatedAt] }
}
