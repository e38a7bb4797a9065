import Fluent
import Foundation
import ShieldwallCore

/// A member firm of a community: all its people take part as members.
public final class CommunityOrganisation: Model, @unchecked Sendable {
    public static let schema = "community_organisations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "organisation_id") public var organisation: Organisation
    /// `active`, `suspended` or `former` (left or removed; kept for history).
    @Choice(key: "status") public var status: ParticipationStatus
    @Field(key: "joined_at") public var joinedAt: Date
    @OptionalField(key: "left_at") public var leftAt: Date?
    @OptionalField(key: "note") public var note: String?

    public init() {}

    public init(communityID: UUID, organisationID: UUID, joinedAt: Date) {
        self.$community.id = communityID
        self.$organisation.id = organisationID
        self.status = .active
        self.joinedAt = joinedAt
    }
}

extension CommunityOrganisation {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] { [$id, $community, $organisation, $status, $joinedAt, $leftAt, $note] }
}

/// A person with a role of their own in a community: the facilitator, or an expert.
public final class CommunityPerson: Model, @unchecked Sendable {
    public static let schema = "community_people"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "person_id") public var person: Person
    @Choice(key: "role") public var role: CommunityRole
    @Choice(key: "status") public var status: ParticipationStatus
    @Field(key: "joined_at") public var joinedAt: Date
    @OptionalField(key: "left_at") public var leftAt: Date?

    public init() {}

    public init(communityID: UUID, personID: UUID, role: CommunityRole, joinedAt: Date) {
        self.$community.id = communityID
        self.$person.id = personID
        self.role = role
        self.status = .active
        self.joinedAt = joinedAt
    }
}

extension CommunityPerson {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] { [$id, $community, $person, $role, $status, $joinedAt, $leftAt] }
}

/// An invitation into a community: to a firm (its admins answer) or to an expert (they answer).
public final class CommunityInvitation: Model, @unchecked Sendable {
    public static let schema = "community_invitations"
    public static let lifetime: TimeInterval = 30 * 24 * 3600

    public enum Status: String, StoredChoice { case open, accepted, declined, withdrawn }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @OptionalParent(key: "person_id") public var person: Person?
    @Field(key: "message") public var message: String
    @OptionalParent(key: "invited_by_id") public var invitedBy: Person?
    @Choice(key: "status") public var status: Status
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "answered_at") public var answeredAt: Date?

    public init() {}

    public init(communityID: UUID, organisationID: UUID?, personID: UUID?, message: String, invitedByID: UUID?, createdAt: Date) {
        self.$community.id = communityID
        self.$organisation.id = organisationID
        self.$person.id = personID
        self.message = message
        self.$invitedBy.id = invitedByID
        self.status = .open
        self.createdAt = createdAt
        self.expiresAt = createdAt.addingTimeInterval(Self.lifetime)
    }

    public func isOpen(at now: Date) -> Bool { status == .open && expiresAt > now }
}

/// A firm asking to join a listed community, with its reason; the facilitator decides.
public final class JoinRequest: Model, @unchecked Sendable {
    public static let schema = "join_requests"

    public enum Status: String, StoredChoice { case pending, approved, declined }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "organisation_id") public var organisation: Organisation
    @OptionalParent(key: "requested_by_id") public var requestedBy: Person?
    @Field(key: "reason") public var reason: String
    @Choice(key: "status") public var status: Status
    @OptionalField(key: "decision_reason") public var decisionReason: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}

    public init(communityID: UUID, organisationID: UUID, requestedByID: UUID?, reason: String, createdAt: Date) {
        self.$community.id = communityID
        self.$organisation.id = organisationID
        self.$requestedBy.id = requestedByID
        self.reason = reason
        self.status = .pending
        self.createdAt = createdAt
    }
}
