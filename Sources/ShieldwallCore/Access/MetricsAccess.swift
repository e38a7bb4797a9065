/// Who may see and do what with KPIs (DESIGN.md §3). A firm's values are its own people's only; its admin enters them.
/// A community's agreed set and its aggregates (median and middle half, from k firms) are for the people taking part
/// and, as figures, for the operator; a proposal is voted on and commented by the people taking part and decided by
/// the facilitator.
public enum MetricsAccess {
    /// The firm's KPI values and charts: its people.
    public static func canSeeFirm(firm: String, viewer: Viewer) -> Bool { viewer.belongs(to: firm) }

    /// Entering the month's values: the firm's admin.
    public static func canEnter(firm: String, viewer: Viewer) -> Bool { viewer.isAdmin(of: firm) }

    /// The community's KPI set and its k-anonymous aggregates: those who see its content, and the operator (figures only).
    public static func canSeeCommunity(_ s: CommunityStanding) -> Bool { CommunityAccess.canSeeContent(s) || CommunityAccess.canSeeFigures(s) }

    /// Voting on and commenting a proposed set: anyone taking part, while the community is not archived.
    public static func canRespond(_ s: CommunityStanding) -> Bool { CommunityAccess.canParticipate(s) }

    /// Proposing a set and declaring it agreed: the facilitator.
    public static func canPropose(_ s: CommunityStanding) -> Bool { CommunityAccess.canFacilitate(s) }
}
