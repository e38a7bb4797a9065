import Fluent
import Foundation
import ShieldwallCore

/// Someone who signs in: staff or admin of an organisation, an independent expert (no organisation),
/// and possibly an operator of the instance.
public final class Person: Model, @unchecked Sendable {
    public static let schema = "people"

    @ID(key: .id) public var id: UUID?
    /// Lower case; unique.
    @Field(key: "email") public var email: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    /// `admin` or `staff` when the person belongs to an organisation.
    @OptionalChoice(key: "organisation_role") public var organisationRole: Viewer.OrganisationRole?
    @Field(key: "language") public var language: String
    @Field(key: "is_operator") public var isOperator: Bool
    /// Base32 TOTP secret once the second factor is confirmed.
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    /// A secret shown during enrolment, not yet confirmed by a code.
    @OptionalField(key: "totp_pending_secret") public var totpPendingSecret: String?
    /// The last TOTP time step accepted, so a code cannot be used twice.
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int64?
    @Field(key: "created_at") public var createdAt: Date
    /// Set when the person left: they cannot sign in, their sessions and tokens are gone.
    @OptionalField(key: "deactivated_at") public var deactivatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, email: String, displayName: String, passwordHash: String, organisationID: UUID?,
                organisationRole: Viewer.OrganisationRole?, language: String, isOperator: Bool, createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.$organisation.id = organisationID
        self.organisationRole = organisationRole
        self.language = language
        self.isOperator = isOperator
        self.createdAt = createdAt
    }

    public var mfaEnabled: Bool { totpSecret != nil }

    /// The person as the access policy sees them.
    public var viewer: Viewer {
        Viewer(personID: id?.uuidString ?? "", organisationID: $organisation.id?.uuidString,
               organisationRole: organisationRole,
               isOperator: isOperator)
    }
}

extension Person {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $email, $displayName, $passwordHash, $organisation, $organisationRole, $language, $isOperator, $totpSecret,
            $totpPendingSecret, $totpLastStep, $createdAt, $deactivatedAt,
        ]
    }
}
