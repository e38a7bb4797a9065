import Fluent
import Foundation
import ShieldwallCore

/// The conversation figures of a community's health (questions asked, answered, time to an expert's answer,
/// active posters): counts only, which operators may see for any community. Answered by Conversations,
/// wired by App (`DomainLinks`).
protocol ConversationFigureSource: Sendable {
    func figures(for community: UUID, on db: any Database, now: Date) async throws -> ConversationFigures
}

/// Who hears of the calendar's news. Answered by Conversations, where people's notifications are kept;
/// wired by App (`DomainLinks`).
protocol CommunityEventNotices: Sendable {
    /// Inside the transaction that creates a new Ask-Me-Anything: tells everyone taking part. Returns the mail
    /// to send once the transaction has committed.
    func announceAMA(_ event: CommunityEvent, by author: UUID, on db: any Database, now: Date) async throws -> NoticeMail
}

/// Notices made inside a transaction, mailed after it commits: no mail about a change that was rolled back,
/// and no transaction held open while mail is handed on.
struct NoticeMail: Sendable {
    let send: @Sendable (ActionContext) async -> Void

    static let none = NoticeMail { _ in }
}

/// Tells people of something another part keeps (a plan version, a call for help, a threat report), in the app
/// and by mail as each chose. Asked by Plans and ThreatSharing, answered by Conversations where people's
/// notifications are kept; wired by App (`DomainLinks`).
protocol PeopleNotices: Sendable {
    /// Inside the caller's transaction; returns the mail to send once it has committed. `urgent` mails everyone
    /// at once, whatever they chose for everyday news (a call for help cannot wait for a digest).
    func tell(_ people: [UUID], kind: NotificationKind, community: UUID, subject: UUID, actor: UUID?, urgent: Bool,
              on db: any Database, now: Date) async throws -> NoticeMail
    /// A new threat report: tells those of `people` whose setting asks for it (all reports, or advisories only).
    func tellOfReport(_ people: [UUID], advisory: Bool, community: UUID, subject: UUID, actor: UUID?,
                      on db: any Database, now: Date) async throws -> NoticeMail
    /// The person opened the subject: its notifications are read.
    func read(subject: UUID, by person: UUID, on db: any Database, now: Date) async throws
}

/// The plan's sign-off and the calls for help of a community's firms, for its health page. Answered by Plans
/// (which keeps them); wired by App (`DomainLinks`).
protocol PlanFigureSource: Sendable {
    func figures(for community: UUID, on db: any Database) async throws -> PlanFigures
}
