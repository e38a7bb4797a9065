import Fluent
import Foundation
import ShieldwallCore

/// Conversations' bell words the notifications of plans and calls for help through this adapter (Plans keeps both).
struct PlanNotificationSubjects: NotificationSubjects {
    let kinds: Set<NotificationKind> = [.planPublished, .planReview, .helpRequest, .helpUpdate]

    func describe(_ subjects: [NotificationSubject], for personID: UUID, localiser: Localiser, on db: any Database) async throws
        -> [UUID: (text: String, path: String)] {
        guard let (person, _) = try await NotificationMail.recipient(personID, on: db) else { return [:] }
        var out: [UUID: (text: String, path: String)] = [:]
        for s in subjects {
            switch s.kind {
            case .helpRequest, .helpUpdate:
                out[s.subject] = try await HelpNotices.describe(s.kind, subject: s.subject, for: person, localiser: localiser, on: db)
            default:
                out[s.subject] = try await PlanNotices.describe(s.kind, subject: s.subject, community: s.community, for: person, localiser: localiser, on: db)
            }
        }
        return out
    }
}
