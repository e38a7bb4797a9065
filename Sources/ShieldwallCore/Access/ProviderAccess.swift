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

    /// Inviting someone from a provider to answer its reviews, and ending that: the operator.
    public static func canInviteRepresentative(_ viewer: Viewer) -> Bool { viewer.isOperator }

    /// Answering a review: the provider's own people (a claim they accepted), nobody else. They never edit or hide
    /// a review: no rule lets them.
    public static func canAnswer(representsProvider: Bool) -> Bool { representsProvider }

    /// Deciding on reported reviews (hide or keep): the operator.
    public static func canModerate(_ viewer: Viewer) -> Bool { viewer.isOperator }

    /// A hidden review: its own firm (to see what was decided) and the operator who moderates; nobody else.
    public static func canSeeHidden(firm: String, viewer: Viewer) -> Bool { viewer.isOperator || viewer.belongs(to: firm) }
}

/// Who may do what with a community's pooled purchases (`PooledPurchase`): its content, so its participants.
public enum PurchaseAccess {
    public static func canRead(_ s: CommunityStanding) -> Bool { CommunityAccess.canSeeContent(s) }

    /// Proposing a purchase: anyone taking part, while the community is not archived.
    public static func canPropose(_ s: CommunityStanding) -> Bool { CommunityAccess.canParticipate(s) }

    /// Registering the firm's interest: the admin of a firm that takes part (it speaks for the firm).
    public static func canRegisterInterest(_ s: CommunityStanding, firm: String?, firmTakesPart: Bool, viewer: Viewer) -> Bool {
        guard let firm, firmTakesPart else { return false }
        return CommunityAccess.canParticipate(s) && viewer.isAdmin(of: firm)
    }

    /// Posting the outcome: the organiser or the community's facilitator (`PooledPurchase.outcomeProblem`).
    public static func canDecide(_ s: CommunityStanding, isOrganiser: Bool) -> Bool {
        CommunityAccess.canParticipate(s) && (isOrganiser || CommunityAccess.canFacilitate(s))
    }
}
