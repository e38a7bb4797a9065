import Fluent
import Foundation
import ShieldwallCore

/// A group purchase or shared hire proposed in a community (`PooledPurchase`): firms register their numbers
/// until the deadline, then the organiser posts the outcome.
public final class Purchase: Model, @unchecked Sendable {
    public static let schema = "pooled_purchases"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @OptionalParent(key: "organiser_id") public var organiser: Person?
    @Field(key: "title") public var title: String
    @Field(key: "details") public var details: String
    /// What the numbers count: "licences", "days a month".
    @Field(key: "unit") public var unit: String
    @Field(key: "deadline") public var deadline: Date
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalParent(key: "decided_by_id") public var decidedBy: Person?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    func status(at now: Date) -> PooledPurchase.Status { PooledPurchase.status(deadline: deadline, decided: decidedAt != nil, now: now) }
}

/// One firm's number for a purchase; zero withdraws it (the row goes).
public final class PurchaseInterest: Model, @unchecked Sendable {
    public static let schema = "pooled_purchase_interests"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "purchase_id") public var purchase: Purchase
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "quantity") public var quantity: Int
    @OptionalParent(key: "updated_by_id") public var updatedBy: Person?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}
