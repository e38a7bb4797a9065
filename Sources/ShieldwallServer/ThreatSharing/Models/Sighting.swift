import Fluent
import Foundation
import ShieldwallCore

/// "We saw this too": a firm's own observation, shared as a count in one community, never by name.
public final class Sighting: Model, @unchecked Sendable {
    public static let schema = "sightings"

    public enum Source: String, StoredChoice { case web, api, scan }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "indicator_id") public var indicator: Indicator
    @Parent(key: "community_id") public var community: Community
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @Parent(key: "person_id") public var person: Person
    @Field(key: "count") public var count: Int
    @Field(key: "first_seen") public var firstSeen: Date
    @Field(key: "last_seen") public var lastSeen: Date
    @Choice(key: "source") public var source: Source
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// An expert of the community vouches for an indicator.
public final class IndicatorConfirmation: Model, @unchecked Sendable {
    public static let schema = "indicator_confirmations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "indicator_id") public var indicator: Indicator
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "person_id") public var person: Person
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(indicatorID: UUID, communityID: UUID, personID: UUID, createdAt: Date) {
        self.$indicator.id = indicatorID
        self.$community.id = communityID
        self.$person.id = personID
        self.createdAt = createdAt
    }
}
