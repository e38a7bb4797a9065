import Fluent
import Foundation
import ShieldwallCore

/// One observable value, once per instance in its canonical spelling; reports link to it, firms sight it.
public final class Indicator: Model, @unchecked Sendable {
    public static let schema = "indicators"

    @ID(key: .id) public var id: UUID?
    @Choice(key: "type") public var type: IndicatorType
    @Field(key: "value") public var value: String
    @Field(key: "created_at") public var createdAt: Date
    /// A false positive, retracted everywhere at once by an expert or facilitator, with the reason.
    @OptionalField(key: "retracted_at") public var retractedAt: Date?
    @OptionalParent(key: "retracted_by_id") public var retractedBy: Person?
    @OptionalField(key: "retraction_reason") public var retractionReason: String?

    public init() {}

    public init(_ value: IndicatorValue, createdAt: Date) {
        self.type = value.type
        self.value = value.value
        self.createdAt = createdAt
    }

    public var indicatorValue: IndicatorValue { IndicatorValue(type: type, value: value) }
}

public final class ReportIndicator: Model, @unchecked Sendable {
    public static let schema = "report_indicators"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "report_id") public var report: ThreatReport
    @Parent(key: "indicator_id") public var indicator: Indicator
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(reportID: UUID, indicatorID: UUID, createdAt: Date) {
        self.$report.id = reportID
        self.$indicator.id = indicatorID
        self.createdAt = createdAt
    }
}

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

/// A firm's own addresses and domains: never on any blocklist of a community it belongs to.
public final class AllowlistEntry: Model, @unchecked Sendable {
    public static let schema = "allowlist_entries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Choice(key: "type") public var type: IndicatorType
    @Field(key: "value") public var value: String
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organisationID: UUID, value: IndicatorValue, note: String, createdAt: Date) {
        self.$organisation.id = organisationID
        self.type = value.type
        self.value = value.value
        self.note = note
        self.createdAt = createdAt
    }

    public var indicatorValue: IndicatorValue { IndicatorValue(type: type, value: value) }
}

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

/// A community's own addition to the warning list: values its members must never block (their shared
/// hosting provider, a payment gateway they all use).
public final class CommunityWarning: Model, @unchecked Sendable {
    public static let schema = "community_warnings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Choice(key: "type") public var type: IndicatorType
    @Field(key: "value") public var value: String
    @Field(key: "reason") public var reason: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(communityID: UUID, value: IndicatorValue, reason: String, createdAt: Date) {
        self.$community.id = communityID
        self.type = value.type
        self.value = value.value
        self.reason = reason
        self.createdAt = createdAt
    }

    public var indicatorValue: IndicatorValue { IndicatorValue(type: type, value: value) }
}
