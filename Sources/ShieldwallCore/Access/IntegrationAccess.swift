/// Who may do what with a firm's integrations (issue #28). Alerts and devices are the firm's own: nobody outside it
/// sees them — not the community's facilitator or experts, not the operator.
public enum IntegrationAccess {
    /// What an integration key may send.
    public enum Scope: String, CaseIterable, Codable, Sendable { case alerts, devices, decisions }

    /// The firm's alerts: its own people.
    public static func canSeeAlerts(firm: String, viewer: Viewer) -> Bool { viewer.belongs(to: firm) }

    /// Creating and revoking the firm's integration keys: its admins.
    public static func canManageKeys(firm: String, viewer: Viewer) -> Bool { viewer.isAdmin(of: firm) }

    /// Blocking addresses in the firm's own firewall (what its bouncers pull) and lifting blocks: its admins.
    public static func canBlock(firm: String, viewer: Viewer) -> Bool { viewer.isAdmin(of: firm) }

    /// Uploading the firm's device list and setting what it asks of its devices: its admins.
    public static func canManageDevices(firm: String, viewer: Viewer) -> Bool { viewer.isAdmin(of: firm) }

    /// A key sends what its scopes allow, while it is not revoked.
    public static func keyAllows(_ scope: Scope, scopes: Set<Scope>, revoked: Bool) -> Bool { !revoked && scopes.contains(scope) }
}
