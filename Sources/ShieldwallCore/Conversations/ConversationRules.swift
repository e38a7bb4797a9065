import Foundation

/// What a thread is for. Announcements come from the people who lead (facilitator, experts).
public enum ThreadKind: String, Codable, Sendable, CaseIterable {
    case discussion, question, announcement
}

/// Who may do what in a community's conversations (DESIGN.md §3), on top of `CommunityAccess`:
/// reading is seeing the community's content; everything else is taking part.
public enum ConversationAccess {
    public static func canRead(_ s: CommunityStanding) -> Bool { CommunityAccess.canSeeContent(s) }

    public static func canStart(_ kind: ThreadKind, _ s: CommunityStanding) -> Bool {
        guard CommunityAccess.canParticipate(s) else { return false }
        return kind != .announcement || s.role == .facilitator || s.role == .expert
    }

    /// A locked thread takes no more replies, except from the facilitator who locked it.
    public static func canReply(locked: Bool, _ s: CommunityStanding) -> Bool {
        CommunityAccess.canParticipate(s) && (!locked || CommunityAccess.canFacilitate(s))
    }

    /// Authors edit their own words while they take part; the facilitator may edit anything (moderation).
    public static func canEdit(authorID: UUID, viewerID: UUID, _ s: CommunityStanding) -> Bool {
        CommunityAccess.canParticipate(s) && (authorID == viewerID || CommunityAccess.canFacilitate(s))
    }

    /// A reply goes with its writer's or the facilitator's say-so; a whole thread with its author's only while
    /// nobody has replied (others' words are not theirs to take away), and always with the facilitator's.
    public static func canDelete(authorID: UUID, viewerID: UUID, replies: Int, isThread: Bool, _ s: CommunityStanding) -> Bool {
        guard CommunityAccess.canParticipate(s) else { return false }
        if CommunityAccess.canFacilitate(s) { return true }
        return authorID == viewerID && (!isThread || replies == 0)
    }

    /// The person who asked, or the facilitator, marks the reply that answered a question.
    public static func canAccept(kind: ThreadKind, askerID: UUID, viewerID: UUID, _ s: CommunityStanding) -> Bool {
        kind == .question && CommunityAccess.canParticipate(s) && (askerID == viewerID || CommunityAccess.canFacilitate(s))
    }

    /// The thread's author or the facilitator closes its poll before its time.
    public static func canClosePoll(authorID: UUID, viewerID: UUID, _ s: CommunityStanding) -> Bool {
        authorID == viewerID || canModerate(s)
    }

    /// Pinning, locking, reading reported posts.
    public static func canModerate(_ s: CommunityStanding) -> Bool { CommunityAccess.canFacilitate(s) }

    /// A reply counts as an expert's answer when its author is an expert or the facilitator of that community.
    public static func isExpertAnswer(_ role: CommunityRole?) -> Bool { role == .expert || role == .facilitator }
}

/// Limits on what people write, in characters, so a page stays readable and nobody fills the database.
public enum ConversationLimits {
    public static let title = 150
    public static let titleMinimum = 5
    public static let body = 20_000
    public static let tags = 5
    public static let tagLength = 24
    public static let flagReason = 500
}

/// Tags as people type them ("Backups, MFA  phishing") → ["backups", "mfa", "phishing"], or why not.
public enum Tags {
    public enum Problem: Error, Equatable { case tooMany(Int), invalid(String) }

    public static func parse(_ text: String) -> Result<[String], Problem> {
        var seen: [String] = []
        let words = text.lowercased().split { $0 == "," || $0 == " " || $0 == "#" || $0 == "\n" || $0 == "\t" }
        for raw in words {
            let word = String(raw)
            guard word.count <= ConversationLimits.tagLength,
                  word.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" })
            else { return .failure(.invalid(word)) }
            if !seen.contains(word) { seen.append(word) }
        }
        guard seen.count <= ConversationLimits.tags else { return .failure(.tooMany(ConversationLimits.tags)) }
        return .success(seen)
    }

    /// A tag asked for in a filter (`?tag=`): lower case, only letters, digits and '-', so it is safe inside `LIKE`.
    public static func filter(_ raw: String?) -> String {
        (raw ?? "").lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    /// Stored as ",a,b," so one `LIKE '%,a,%'` finds a tag on both databases.
    public static func stored(_ tags: [String]) -> String { tags.isEmpty ? "" : "," + tags.joined(separator: ",") + "," }
    public static func read(_ stored: String) -> [String] { stored.split(separator: ",").map(String.init) }
}
