import Fluent
import Foundation
import ShieldwallCore

/// Conversations' bell words new-report notifications (ThreatSharing keeps reports) through this adapter; a
/// report the reader may no longer see (TLP, a community left) is left out.
struct ReportNotificationSubjects: NotificationSubjects {
    let kinds: Set<NotificationKind> = [.newReport]

    func describe(_ subjects: [NotificationSubject], for person: SignedIn, roles: [UUID: CommunityRole], localiser: Localiser,
                  on db: any Database) async throws -> [UUID: (text: String, path: String)] {
        try await NewReportNotices.describe(subjects: subjects.map(\.subject), for: person, roles: roles, localiser: localiser, on: db)
    }
}
