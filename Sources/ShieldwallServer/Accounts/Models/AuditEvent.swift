import Fluent
import Foundation

/// A security event (sign-in, failure, MFA change, token, invitation), readable by the organisation's
/// admins and by operators.
public final class AuditEvent: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "at") public var at: Date
    @Choice(key: "kind") public var kind: AuditKind
    @OptionalField(key: "person_id") public var personID: UUID?
    /// The e-mail the event concerns, kept as text so the record survives the person.
    @Field(key: "email") public var email: String
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "detail") public var detail: String
    @Field(key: "address") public var address: String

    public init() {}

    public init(at: Date, kind: AuditKind, personID: UUID?, email: String, organisationID: UUID?, detail: String, address: String) {
        self.at = at
        self.kind = kind
        self.personID = personID
        self.email = email
        self.organisationID = organisationID
        self.detail = detail
        self.address = address
    }
}

public enum AuditKind: String, StoredChoice {
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    case signInThrottled = "sign_in_throttled"
    case signOut = "sign_out"
    case signOutEverywhere = "sign_out_everywhere"
    case passwordChanged = "password_changed"
    case passwordReset = "password_reset"
    case mfaEnabled = "mfa_enabled"
    case mfaDisabled = "mfa_disabled"
    case recoveryCodeUsed = "recovery_code_used"
    case mfaRequirementChanged = "mfa_requirement_changed"
    case tokenCreated = "token_created"
    case tokenRevoked = "token_revoked"
    case invitationCreated = "invitation_created"
    case invitationAccepted = "invitation_accepted"
    case invitationRevoked = "invitation_revoked"
    case organisationCreated = "organisation_created"
    case registered = "registered"
    case operatorCreated = "operator_created"
    case communityRequested = "community_requested"
    case communityApproved = "community_approved"
    case communityDeclined = "community_declined"
    case communityArchived = "community_archived"
    case charterPublished = "charter_published"
    case facilitatorHandedOver = "facilitator_handed_over"
    case communityInvitationSent = "community_invitation_sent"
    case communityJoined = "community_joined"
    case communityLeft = "community_left"
    case personDeactivated = "person_deactivated"
    case roleChanged = "role_changed"
    case assessmentSubmitted = "assessment_submitted"
    case registrationThrottled = "registration_throttled"
    case flagThrottled = "flag_throttled"
    case peerAdded = "peer_added"
    case peerRemoved = "peer_removed"
    case peerAgreement = "peer_agreement"
    case peerPushing = "peer_pushing"
}
