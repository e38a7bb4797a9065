import Fluent
import Foundation
import ShieldwallCore

/// The status resource a TAXII client can read back after adding objects (kept as the JSON it was sent as).
public final class TaxiiStatus: Model, @unchecked Sendable {
    public static let schema = "taxii_statuses"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID, personID: UUID, body: String, createdAt: Date) {
        self.id = id
        self.$person.id = personID
        self.body = body
        self.createdAt = createdAt
    }
}
