import Fluent
import Foundation
import ShieldwallCore

/// A member's proposed change to one measure, against the version they read; the facilitator accepts it into
/// the draft or declines it, and the reason is kept either way.
public final class PlanProposal: Model, @unchecked Sendable {
    public static let schema = "plan_proposals"

    public enum Kind: String, StoredChoice { case edit, add, remove }
    public enum Status: String, StoredChoice { case open, accepted, declined }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: CommunityPlan
    @Field(key: "base_version") public var baseVersion: Int
    @Choice(key: "kind") public var kind: Kind
    @OptionalField(key: "measure_id") public var measureID: String?
    @OptionalChoice(key: "section") public var section: PlanSectionKind?
    @Field(key: "title") public var title: String
    @Field(key: "text") public var text: String
    /// Why the member proposes it.
    @Field(key: "reason") public var reason: String
    @Choice(key: "status") public var status: Status
    @OptionalField(key: "decision_reason") public var decisionReason: String?
    @OptionalParent(key: "decided_by_id") public var decidedBy: Person?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @Parent(key: "author_id") public var author: Person
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(planID: UUID, baseVersion: Int, change: PlanChange, reason: String, authorID: UUID, at date: Date) {
        self.$plan.id = planID
        self.baseVersion = baseVersion
        switch change {
        case .edit(let measure, let title, let text): kind = .edit; measureID = measure; self.title = title; self.text = text
        case .add(let section, let title, let text): kind = .add; self.section = section; self.title = title; self.text = text
        case .remove(let measure): kind = .remove; measureID = measure; title = ""; text = ""
        }
        self.reason = reason
        self.status = .open
        self.$author.id = authorID
        self.createdAt = date
    }

    /// The change it asks for.
    public var change: PlanChange {
        switch kind {
        case .edit: .edit(measure: measureID ?? "", title: title, text: text)
        case .add: .add(section: section ?? .prevent, title: title, text: text)
        case .remove: .remove(measure: measureID ?? "")
        }
    }
}

/// A member's comment on one section of one version.
public final class PlanComment: Model, @unchecked Sendable {
    public static let schema = "plan_comments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: CommunityPlan
    @Field(key: "version") public var version: Int
    @Choice(key: "section") public var section: PlanSectionKind
    @Field(key: "body") public var body: String
    @Parent(key: "author_id") public var author: Person
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(planID: UUID, version: Int, section: PlanSectionKind, body: String, authorID: UUID, at date: Date) {
        self.$plan.id = planID
        self.version = version
        self.section = section
        self.body = body
        self.$author.id = authorID
        self.createdAt = date
    }
}
