/// What crosses between instances (DESIGN.md §2.12, issue #31). Federation is the operator's decision; TLP:AMBER
/// crosses only where one community's facilitator agreed, in either direction; TLP:AMBER+STRICT and TLP:RED
/// never leave the instance they were shared on.
public enum FederationAccess {
    /// Adding, changing, pulling and removing peers, and the reading accounts of other instances: operators.
    public static func canManagePeers(viewer: Viewer) -> Bool { viewer.isOperator }

    /// Agreeing that one community takes TLP:AMBER from a peer, or lets a peer read its TLP:AMBER: its facilitator.
    public static func canAgree(_ s: CommunityStanding) -> Bool { CommunityAccess.canFacilitate(s) }

    /// The highest marking an operator may ask of a peer.
    public static let askable: [TLP] = [.clear, .green, .amber]

    /// Whether an object pulled from a peer with `tlp` may be imported: at most what the operator chose, and
    /// TLP:AMBER only once the receiving community agreed.
    public static func mayPull(_ tlp: TLP, highest: TLP, amberAgreed: Bool) -> Bool {
        guard tlp <= highest, tlp <= .amber else { return false }
        return tlp < .amber || amberAgreed
    }

    /// Whether a report pulled from a peer may be served on to another peer: the operator chose to re-share that
    /// peer's reports, and its marking is one any member of this instance may pass on (CLEAR, GREEN).
    public static func mayReshare(_ tlp: TLP, operatorAllows: Bool) -> Bool { operatorAllows && tlp <= .green }
}
