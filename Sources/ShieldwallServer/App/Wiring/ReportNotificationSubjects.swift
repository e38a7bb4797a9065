import Fluent
import Foundation
import ShieldwallCore

/// Conversations' bell words new-report notifications (ThreatSharing keeps reports) through this adapter; a
/// report the reader may no longer see (TLP, a community left) is left out.
struct ReportNotificationSubjects: NotificationSubjects {
    let kinds: Set<NotificationKind> = [.newReport]

    func describe(_ subjects: [NotificationSubject], for personID: UUID, localiser: Localiser, on db: any Database) async throws
        -> [UUID: (text: String, path: String)] {
        guard let (person, _) = try await NotificationMail.recipient(personID, on: db) else { return [:] }
        var out: [UUID: (text: String, path: String)] = [:]
        for s in subjects { out[s.subject] = try await NewReportNotices.describe(subject: s.subject, for: person, localiser: localiser, on: db) }
        return out
    }
}
