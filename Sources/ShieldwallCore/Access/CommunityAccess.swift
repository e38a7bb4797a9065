/// Who may see and do what in a community (DESIGN.md §3): content only for active members who have
/// accepted the current charter; figures for the facilitator and operators; never content for an
/// operator who is not a member.
public enum CommunityRole: String, Codable, Sendable, CaseIterable {
    case facilitator, expert, member
}

public enum ParticipationStatus: String, Codable, Sendable, CaseIterable {
    case active, suspended, former
}

/// One person's standing in one community, as the server reads it from the database.
public struct CommunityStanding: Sendable, Equatable {
    /// `nil` when the person takes no part (their firm is not a member and they hold no role).
    public var role: CommunityRole?
    public var status: ParticipationStatus
    /// The charter version they accepted last, if any.
    public var acceptedCharterVersion: Int?
    public var currentCharterVersion: Int
    public var isOperator: Bool
    /// Archived communities are read-only.
    public var communityArchived: Bool

    public init(role: CommunityRole?, status: ParticipationStatus = .active, acceptedCharterVersion: Int?,
                currentCharterVersion: Int, isOperator: Bool, communityArchived: Bool = false) {
        self.role = role
        self.status = status
        self.acceptedCharterVersion = acceptedCharterVersion
        self.currentCharterVersion = currentCharterVersion
        self.isOperator = isOperator
        self.communityArchived = communityArchived
    }

    public var isActiveParticipant: Bool { role != nil && status == .active }

    public var hasAcceptedCurrentCharter: Bool {
        guard let accepted = acceptedCharterVersion else { return false }
        return accepted >= currentCharterVersion
    }
}

public enum CommunityAccess {
    /// Discussions, events, members' names, reports: active participants who accepted the current charter.
    public static func canSeeContent(_ s: CommunityStanding) -> Bool {
        s.isActiveParticipant && s.hasAcceptedCurrentCharter
    }

    /// The charter itself: anyone taking part (they must read it to accept it) and operators.
    public static func canReadCharter(_ s: CommunityStanding) -> Bool {
        s.isActiveParticipant || s.isOperator
    }

    /// Counts and health figures: the facilitator and operators (never content).
    public static func canSeeFigures(_ s: CommunityStanding) -> Bool {
        s.isOperator || (s.role == .facilitator && s.status == .active)
    }

    /// Charter edits, invitations, vetting, events, attendance: the active facilitator, while not archived.
    public static func canFacilitate(_ s: CommunityStanding) -> Bool {
        s.role == .facilitator && s.status == .active && !s.communityArchived
    }

    /// RSVP and other participation: anyone who can see the content, while not archived.
    public static func canParticipate(_ s: CommunityStanding) -> Bool {
        canSeeContent(s) && !s.communityArchived
    }

    /// Approving new communities, handing over the facilitator role, archiving: operators.
    public static func canAdminister(_ s: CommunityStanding) -> Bool {
        s.isOperator
    }
}
