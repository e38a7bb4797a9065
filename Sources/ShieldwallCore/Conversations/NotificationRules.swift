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
