import Fluent
import Foundation
import ShieldwallCore

/// A firm's admin signed one published version for the firm.
public final class PlanSignature: Model, @unchecked Sendable {
    public static let schema = "plan_signatures"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: CommunityPlan
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "version") public var version: Int
    @Parent(key: "person_id") public var person: Person
    @Field(key: "signed_at") public var signedAt: Date

    public init() {}

    public init(planID: UUID, organisationID: UUID, version: Int, personID: UUID, at date: Date) {
        self.$plan.id = planID
        self.$organisation.id = organisationID
        self.version = version
        self.$person.id = personID
        self.signedAt = date
    }
}

/// How one measure applies to one firm: adopted, adapted (with the firm's note) or not applicable (with the
/// reason); kept by measure id, so it carries over to the next version while the measure stays.
public final class FirmMeasure: Model, @unchecked Sendable {
    public static let schema = "firm_measures"

    public enum Status: String, StoredChoice { case adopted, adapted, notApplicable = "not-applicable" }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: CommunityPlan
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "measure_id") public var measureID: String
    @Choice(key: "status") public var status: Status
    @Field(key: "note") public var note: String
    /// The action in the firm's action plan this measure became, if it did.
    @OptionalField(key: "action_id") public var actionID: UUID?
    @Parent(key: "updated_by_id") public var updatedBy: Person
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(planID: UUID, organisationID: UUID, measureID: String, updatedBy: UUID, at date: Date) {
        self.$plan.id = planID
        self.$organisation.id = organisationID
        self.measureID = measureID
        self.status = .adopted
        self.note = ""
        self.$updatedBy.id = updatedBy
        self.updatedAt = date
    }

    public var adoption: MeasureAdoption {
        switch status {
        case .adopted: .adopted
        case .adapted: .adapted(note: note)
        case .notApplicable: .notApplicable(reason: note)
        }
    }
}
