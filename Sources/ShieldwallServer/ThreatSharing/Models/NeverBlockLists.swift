import Fluent
import Foundation
import ShieldwallCore

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
