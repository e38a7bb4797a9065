import Fluent
import Foundation
import ShieldwallCore

/// A community's joint plan: its versions, how often it is reviewed, and when next.
public final class CommunityPlan: Model, @unchecked Sendable {
    public static let schema = "community_plans"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Field(key: "review_every_months") public var reviewEveryMonths: Int
    /// A calendar day (`yyyy-MM-dd`), set when a version is published or a review recorded.
    @OptionalField(key: "next_review_on") public var nextReviewOn: String?
    /// The reminder already sent for `nextReviewOn` (1 soon, 2 due), so none goes twice.
    @OptionalField(key: "review_reminder_sent") public var reviewReminderSent: Int?
    @Field(key: "template_version") public var templateVersion: String
    @Parent(key: "created_by_id") public var createdBy: Person
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(communityID: UUID, templateVersion: String, createdBy: UUID, at date: Date) {
        self.$community.id = communityID
        self.reviewEveryMonths = PlanReviewSchedule.defaultMonths
        self.templateVersion = templateVersion
        self.$createdBy.id = createdBy
        self.createdAt = date
    }
}

/// One version of the plan: the draft being prepared (at most one), or a published one, frozen.
public final class PlanVersion: Model, @unchecked Sendable {
    public static let schema = "plan_versions"

    public enum Status: String, StoredChoice { case draft, published }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: CommunityPlan
    @Field(key: "number") public var number: Int
    @Choice(key: "status") public var status: Status
    /// `PlanContent` as JSON.
    @Field(key: "content") public var contentJSON: String
    /// What changed and why, written when it is published.
    @Field(key: "summary") public var summary: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @OptionalParent(key: "published_by_id") public var publishedBy: Person?

    public init() {}

    public init(planID: UUID, number: Int, content: PlanContent, at date: Date) {
        self.$plan.id = planID
        self.number = number
        self.status = .draft
        self.contentJSON = content.json()
        self.summary = ""
        self.createdAt = date
    }

    public var isPublished: Bool { status == .published }

    /// The words, or an error naming the row (stored content is only ever written by `PlanContent.json()`).
    public func content() throws -> PlanContent {
        guard let content = PlanContent.read(json: contentJSON) else {
            throw UnreadableRow(table: Self.schema, row: id?.uuidString ?? "?", field: "content", value: String(contentJSON.prefix(40)),
                                expected: ["a plan as JSON"])
        }
        return content
    }
}

/// A review of the plan held: when, which version it left in force, and what changed and why.
public final class PlanReview: Model, @unchecked Sendable {
    public static let schema = "plan_reviews"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: CommunityPlan
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "version") public var version: Int
    @Field(key: "summary") public var summary: String
    @Parent(key: "recorded_by_id") public var recordedBy: Person
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(planID: UUID, heldOn: String, version: Int, summary: String, recordedBy: UUID, at date: Date) {
        self.$plan.id = planID
        self.heldOn = heldOn
        self.version = version
        self.summary = summary
        self.$recordedBy.id = recordedBy
        self.createdAt = date
    }
}
