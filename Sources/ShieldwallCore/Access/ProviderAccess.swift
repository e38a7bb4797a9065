/// Who may do what in the provider directory (issue #29). The directory is instance-wide: every signed-in person
/// reads approved entries and reviews, and proposes entries (what a review shows of its author is `ProviderReviews.author`).
public enum ProviderAccess {
    /// Approving, rejecting and editing an entry, and marking a certification checked: the operator, or a
    /// facilitator of any community (`facilitates`).
    public static func canCurate(_ viewer: Viewer, facilitates: Bool) -> Bool { viewer.isOperator || facilitates }

    /// Marking a certification as checked: the operator only (it vouches for the whole instance).
    public static func canVerify(_ viewer: Viewer) -> Bool { viewer.isOperator }

    /// A proposal not yet approved: the person who proposed it and the curators.
    public static func canSeePending(_ viewer: Viewer, proposedBy: String, facilitates: Bool) -> Bool {
        viewer.personID == proposedBy || canCurate(viewer, facilitates: facilitates)
    }

    /// Writing, editing and declaring use for a firm: its admin (`ProviderReviews.mayReview` says the rest).
    public static func canReviewFor(firm: String, viewer: Viewer) -> Bool { viewer.isAdmin(of: firm) }
}
