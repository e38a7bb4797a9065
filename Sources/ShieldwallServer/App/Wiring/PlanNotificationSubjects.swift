import Fluent
import Foundation
import ShieldwallCore

/// Conversations' bell words the notifications of plans and calls for help through this adapter (Plans keeps both).
struct PlanNotificationSubjects: NotificationSubjects {
    let kinds: Set<NotificationKind> = [.planPublished, .planReview, .helpRequest, .helpUpdate]

    func describe(_ subjects: [NotificationSubject], for personID: UUID, localiser: Localiser, on db: any Database) async throws
        -> [UUID: (text: String, path: String)] {
        guard let (person, _) = try await NotificationMail.recipient(personID, on: db) else { return [:] }
        let help = subjects.filter { $0.kind == .helpRequest || $0.kind == .helpUpdate }.map { (kind: $0.kind, subject: $0.subject) }
        var out = try await HelpNotices.describe(help, for: person, localiser: localiser, on: db)
        for s in subjects where s.kind != .helpRequest && s.kind != .helpUpdate {
            out[s.subject] = try await PlanNotices.describe(s.kind, subject: s.subject, community: s.community, for: person, localiser: localiser, on: db)
        }
        return out
    }
}
