/// Who may see and change a firm's self-assessments, action plan and staff check-ins.
///
/// A firm's answers and scores are its own: not even operators read them (they see only community
/// figures, through `CommunityBenchmark`, under the same k rule as everyone).
public enum AssessmentAccess {
    /// Assessments, answers, results and the action plan: the firm's own people.
    public static func canView(firm: String, viewer: Viewer?) -> Bool {
        viewer?.belongs(to: firm) ?? false
    }

    /// Several people of the firm fill in a draft together.
    public static func canAnswer(firm: String, viewer: Viewer?) -> Bool { canView(firm: firm, viewer: viewer) }

    /// Only the firm's admin submits, and creates or assigns actions.
    public static func canSubmit(firm: String, viewer: Viewer?) -> Bool { viewer?.isAdmin(of: firm) ?? false }

    public static func canPlan(firm: String, viewer: Viewer?) -> Bool { canSubmit(firm: firm, viewer: viewer) }

    /// An action's status and notes: the firm's admin, or the person it is assigned to.
    public static func canUpdate(actionOf firm: String, owner: String?, viewer: Viewer?) -> Bool {
        guard let viewer, viewer.belongs(to: firm) else { return false }
        return viewer.organisationRole == .admin || (owner != nil && owner == viewer.personID)
    }

    /// A staff member's check-in answers: only that person.
    public static func canSeeCheckInAnswers(of person: String, viewer: Viewer?) -> Bool {
        viewer?.personID == person
    }

    /// Completion and weak topics per person (no answers): the firm's admin.
    public static func canSeeTeamCoaching(firm: String, viewer: Viewer?) -> Bool { canSubmit(firm: firm, viewer: viewer) }
}
