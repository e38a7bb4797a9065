import Fluent
import ShieldwallCore
import Foundation

/// A single-use link that lets someone create their account: into an organisation (admin or staff),
/// as an independent expert (no organisation), or as an operator.
public final class Invitation: Model, @unchecked Sendable {
    public static let schema = "invitations"
    public static let lifetime: TimeInterval = 7 * 24 * 3600

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_digest") public var tokenDigest: String
    @Field(key: "email") public var email: String
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @OptionalChoice(key: "organisation_role") public var organisationRole: Viewer.OrganisationRole?
    @Field(key: "makes_operator") public var makesOperator: Bool
    @OptionalParent(key: "invited_by_id") public var invitedBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(tokenDigest: String, email: String, organisationID: UUID?, organisationRole: Viewer.OrganisationRole?, makesOperator: Bool,
                invitedByID: UUID?, createdAt: Date) {
        self.tokenDigest = tokenDigest
        self.email = email
        self.$organisation.id = organisationID
        self.organisationRole = organisationRole
        self.makesOperator = makesOperator
        self.$invitedBy.id = invitedByID
        self.createdAt = createdAt
        self.expiresAt = createdAt.addingTimeInterval(Self.lifetime)
    }

    public enum State: String, Sendable { case open, accepted, expired, revoked }

    public func state(at now: Date) -> State {
        if acceptedAt != nil { return .accepted }
        if revokedAt != nil { return .revoked }
        if expiresAt <= now { return .expired }
        return .open
    }
}
