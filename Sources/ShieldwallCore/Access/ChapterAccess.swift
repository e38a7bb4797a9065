/// Who may see and do what in a city chapter (DESIGN.md §3). A chapter is a community like any other; what it
/// publishes on its public page and its public events are open to everyone, signed in or not.
public enum ChapterAccess {
    /// The public page: everyone once the facilitator has published it; before that, those who can see the community.
    public static func canSeePublicPage(published: Bool, standing: CommunityStanding?) -> Bool {
        published || standing.map(CommunityAccess.canSeeContent) == true
    }

    /// A public event's page and registration: everyone while the chapter's page is published.
    public static func canRegister(published: Bool, eventPublic: Bool) -> Bool { published && eventPublic }

    /// The public page's text, which events are public, the registration lists and attendance, the challenges:
    /// the facilitator.
    public static func canOrganise(_ standing: CommunityStanding?) -> Bool { standing.map(CommunityAccess.canFacilitate) == true }

    public enum CTFPhase: Sendable, Equatable { case before, running, ended }

    /// A challenge's text and hints: the organiser at any time; players (confirmed registrations) while it runs; and
    /// after the end everyone who may see the event, with the write-ups.
    public static func canSeeChallenges(_ phase: CTFPhase, isPlayer: Bool, isOrganiser: Bool) -> Bool {
        isOrganiser || (phase == .running && isPlayer) || phase == .ended
    }

    /// Write-ups: after the end only (the organiser writes them, so sees them while editing).
    public static func canSeeWriteups(_ phase: CTFPhase, isOrganiser: Bool) -> Bool { isOrganiser || phase == .ended }

    /// Sending a flag or opening a hint: a player while it runs.
    public static func canPlay(_ phase: CTFPhase, isPlayer: Bool) -> Bool { phase == .running && isPlayer }
}

extension ChapterAccess {
    /// A mentorship's goals and meeting notes: its mentor and its newcomer, nobody else (the chapter sees counts).
    public static func canSeeMentorship(mentor: String, mentee: String, viewer: String) -> Bool {
        viewer == mentor || viewer == mentee
    }

    /// Pairing a newcomer with a mentor: the facilitator, or the newcomer choosing among the suggestions.
    public static func canPair(isFacilitator: Bool, isNewcomer: Bool, suggested: Bool) -> Bool {
        isFacilitator || (isNewcomer && suggested)
    }

    /// The talent pool's profiles: their owner, and signed-in people of firms that take part in the chapter.
    public static func canSeeTalentProfile(owner: String, viewer: String, viewerFirmTakesPart: Bool, published: Bool) -> Bool {
        viewer == owner || (published && viewerFirmTakesPart)
    }
}

extension ChapterAccess {
    /// Writing and withdrawing guided labs: the facilitator and the chapter's experts, while it is not archived.
    public static func canWriteLabs(_ s: CommunityStanding?) -> Bool {
        guard let s, CommunityAccess.canSeeContent(s), !s.communityArchived else { return false }
        return s.role == .facilitator || s.role == .expert
    }

    /// Withdrawing one lab: the chapter's facilitator, or its author while they may still write labs.
    public static func canWithdrawLab(_ s: CommunityStanding?, isAuthor: Bool) -> Bool {
        canOrganise(s) || (isAuthor && canWriteLabs(s))
    }

    /// Posting an internship or apprenticeship: an admin of a firm that takes part in the chapter.
    public static func canPostOpening(isFirmAdmin: Bool, firmTakesPart: Bool) -> Bool { isFirmAdmin && firmTakesPart }
}
