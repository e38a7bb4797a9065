import Foundation

/// What a person is told about, and how.
public enum NotificationKind: String, Codable, Sendable, CaseIterable {
    /// Someone replied in a thread I started.
    case reply
    /// An expert answered my question, or my question got an accepted answer.
    case answer
    /// Someone wrote `@me`.
    case mention
    /// A new question in a community where I am an expert or the facilitator.
    case newQuestion = "new_question"
    /// An Ask-Me-Anything was announced in one of my communities.
    case newAMA = "new_ama"
    /// An event I said I would go to starts within a day.
    case eventSoon = "event_soon"
    /// Someone reported a post in my community to me (the facilitator).
    case flagged
    /// A new version of my community's plan was published (firms are asked to sign it).
    case planPublished = "plan_published"
    /// My community's plan is due for review.
    case planReview = "plan_review"
    /// A firm in one of my communities needs help now (experts and the facilitator).
    case helpRequest = "help_request"
    /// Someone took, answered or closed my firm's call for help.
    case helpUpdate = "help_update"
    /// A threat report or advisory I may read was published.
    case newReport = "new_report"

    /// Kinds that point to something another part of Shieldwall keeps (a plan, a call for help, a report),
    /// which that part words for each reader.
    public var isAboutSubject: Bool {
        switch self {
        case .planPublished, .planReview, .helpRequest, .helpUpdate, .newReport: true
        default: false
        }
    }
}

/// Which new threat reports a person hears of: only advisories, all reports, or none.
public enum ReportNotices: String, Codable, Sendable, CaseIterable {
    case advisories, all, none

    public func wants(advisory: Bool) -> Bool {
        switch self {
        case .all: true
        case .advisories: advisory
        case .none: false
        }
    }
}

/// How a person wants to hear: only in the app, an e-mail at once, a daily or weekly digest, or not at all.
public enum NotificationDelivery: String, Codable, Sendable, CaseIterable {
    case inApp = "in_app", emailNow = "email_now", daily, weekly, none

    /// When a digest is due after the last one (or after the setting was chosen).
    public var digestInterval: TimeInterval? {
        switch self {
        case .daily: return 86_400
        case .weekly: return 7 * 86_400
        default: return nil
        }
    }

    /// Whether the bell shows it: everything but "none".
    public var showsInApp: Bool { self != .none }
}
