import Fluent
import Foundation
import ShieldwallCore

/// A bundle waiting for the background import (issue #32); its id is the id of its TAXII status.
public final class StixImportJob: Model, @unchecked Sendable {
    public static let schema = "stix_import_jobs"

    public enum State: String, StoredChoice { case pending, running }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "person_id") public var person: Person
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @Field(key: "bundle") public var bundle: Data
    @Choice(key: "state") public var state: State
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "claimed_at") public var claimedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID, communityID: UUID, personID: UUID, organisationID: UUID?, bundle: Data, createdAt: Date) {
        self.id = id
        self.$community.id = communityID
        self.$person.id = personID
        self.$organisation.id = organisationID
        self.bundle = bundle
        self.state = .pending
        self.attempts = 0
        self.createdAt = createdAt
    }
}
