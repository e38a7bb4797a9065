import Fluent
import Foundation
import ShieldwallCore

/// Conversations' bell words the plan's notifications through this adapter (Plans keeps the plan).
struct PlanNotificationSubjects: NotificationSubjects {
    let kinds: Set<NotificationKind> = [.planPublished, .planReview]

    func describe(_ subjects: [NotificationSubject], for personID: UUID, localiser: Localiser, on db: any Database) async throws
        -> [UUID: (text: String, path: String)] {
        guard let (person, _) = try await NotificationMail.recipient(personID, on: db) else { return [:] }
        var out: [UUID: (text: String, path: String)] = [:]
        for s in subjects {
            out[s.subject] = try await PlanNotices.describe(s.kind, subject: s.subject, community: s.community, for: person, localiser: localiser, on: db)
        }
        return out
    }
}
