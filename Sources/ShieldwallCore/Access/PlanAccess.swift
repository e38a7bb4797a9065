/// Who may see and do what with a community's plan, a firm's part in it, its playbooks and its calls for help.
///
/// The plan is community content: members who accepted the charter read it, comment and propose; the
/// facilitator edits, accepts and publishes; each firm's admin signs for the firm. How a firm applies the
/// plan, its playbooks and their runs are the firm's own, as its action plan is. An operator sees only counts.
public enum PlanAccess {
    /// Versions, diffs, comments, proposals and sign-off status.
    public static func canRead(_ s: CommunityStanding) -> Bool { CommunityAccess.canSeeContent(s) }

    /// Comments and proposals, while the community is not archived.
    public static func canContribute(_ s: CommunityStanding) -> Bool { CommunityAccess.canParticipate(s) }

    /// The draft, proposals' decisions, publishing, review dates: the facilitator.
    public static func canEdit(_ s: CommunityStanding) -> Bool { CommunityAccess.canFacilitate(s) }

    /// Signing a version for a firm: the admin of a firm that takes part.
    public static func canSign(_ s: CommunityStanding, firm: String, firmTakesPart: Bool, viewer: Viewer) -> Bool {
        canContribute(s) && firmTakesPart && viewer.isAdmin(of: firm)
    }

    /// How the plan applies to a firm, its adopted playbooks and their runs: the firm's own people.
    public static func canSeeFirmPart(firm: String, viewer: Viewer?) -> Bool { viewer?.belongs(to: firm) ?? false }

    /// Changing how the plan applies, turning a measure into an action, adopting a playbook: the firm's admin.
    public static func canManageFirmPart(firm: String, viewer: Viewer?) -> Bool { viewer?.isAdmin(of: firm) ?? false }

    /// Running a playbook in an incident: anyone of the firm (the admin may be away when it happens).
    public static func canRunPlaybook(firm: String, viewer: Viewer?) -> Bool { canSeeFirmPart(firm: firm, viewer: viewer) }

    /// A call for help is seen by the firm that raised it and by the helpers (experts and facilitator) of the
    /// communities the firm takes part in; `helperRole` is the viewer's role in one of those, if any.
    public static func canSeeHelpRequest(firm: String, viewer: Viewer, helperRole: CommunityRole?) -> Bool {
        viewer.belongs(to: firm) || helperRole == .expert || helperRole == .facilitator
    }

    public static func isHelper(_ role: CommunityRole?) -> Bool { role == .expert || role == .facilitator }
}
