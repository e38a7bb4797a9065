/// Who may see and manage organisations, their people, invitations and audit log.
///
/// The one place these rules live: server routes ask here (or use the query scopes built from
/// these rules) instead of deciding on their own.
public struct Viewer: Sendable, Equatable {
    public enum OrganisationRole: String, Codable, Sendable, CaseIterable { case admin, staff }

    public var personID: String
    public var organisationID: String?
    public var organisationRole: OrganisationRole?
    public var isOperator: Bool

    public init(personID: String, organisationID: String?, organisationRole: OrganisationRole?, isOperator: Bool) {
        self.personID = personID
        self.organisationID = organisationID
        self.organisationRole = organisationRole
        self.isOperator = isOperator
    }

    public func belongs(to organisationID: String) -> Bool { self.organisationID == organisationID }

    public func isAdmin(of organisationID: String) -> Bool {
        belongs(to: organisationID) && organisationRole == .admin
    }
}

public enum AccountAccess {
    /// An organisation's profile and people: its own people and operators.
    public static func canView(organisation id: String, viewer: Viewer?) -> Bool {
        guard let viewer else { return false }
        return viewer.isOperator || viewer.belongs(to: id)
    }

    /// Settings, invitations and the audit log of an organisation: its admins and operators.
    public static func canManage(organisation id: String, viewer: Viewer?) -> Bool {
        guard let viewer else { return false }
        return viewer.isOperator || viewer.isAdmin(of: id)
    }

    /// Creating organisations, inviting independent experts and operators, reading the outbox.
    public static func canOperate(viewer: Viewer?) -> Bool {
        viewer?.isOperator ?? false
    }

    /// Inviting someone into an organisation with a role: operators for any role, an admin into
    /// their own organisation.
    public static func canInvite(into organisationID: String, viewer: Viewer?) -> Bool {
        canManage(organisation: organisationID, viewer: viewer)
    }
}
