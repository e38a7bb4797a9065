/// Who may see and do what with courses and training (DESIGN.md §3).
///
/// A person's training record (assignments, quiz scores, declarations, coach check-ins) is theirs and their firm
/// admin's only; facilitators, experts and the operator see none of it. Courses: our own modules are for everyone
/// signed in; an external course is offered instance-wide by the operator or in one community by its facilitator or
/// experts, seen by that community's people once published, and by its author alone while a draft.
public enum TrainingAccess {
    /// Where an external course is offered.
    public enum Offer: Sendable, Equatable {
        case instance
        /// The viewer's role in the community (nil: they take no part).
        case community(role: CommunityRole?)
    }

    /// A person's own training history and results: the person and their firm's admin.
    public static func canSeeRecord(of person: String, firm: String?, viewer: Viewer) -> Bool {
        if viewer.personID == person { return true }
        guard let firm else { return false }
        return viewer.isAdmin(of: firm)
    }

    /// Assigning courses, the firm's training matrix, reminders: the firm's admin.
    public static func canManage(firm: String, viewer: Viewer) -> Bool { viewer.isAdmin(of: firm) }

    /// Adding external courses: the operator for the whole instance; the facilitator or an expert in their community.
    public static func canOffer(_ offer: Offer, viewer: Viewer) -> Bool {
        switch offer {
        case .instance: viewer.isOperator
        case .community(let role): role == .facilitator || role == .expert
        }
    }

    /// An external course: its author alone while it is a draft or withdrawn; once published, everyone signed in
    /// (instance) or the people taking part in its community.
    public static func canSeeCourse(_ offer: Offer, published: Bool, author: String, viewer: Viewer) -> Bool {
        if viewer.personID == author { return true }
        guard published else { return false }
        switch offer {
        case .instance: return true
        case .community(let role): return role != nil
        }
    }

    /// Changing, publishing or withdrawing an external course: its author; once it has been published, also whoever may
    /// offer courses where it is offered (a facilitator can withdraw a course an expert has left). A draft is its author's.
    public static func canEditCourse(_ offer: Offer, draft: Bool, author: String, viewer: Viewer) -> Bool {
        viewer.personID == author || (!draft && canOffer(offer, viewer: viewer))
    }

    /// Holding a joint session on a course: the community's facilitator.
    public static func canHoldSession(role: CommunityRole?) -> Bool { role == .facilitator }
}
