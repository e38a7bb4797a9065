import Fluent
import Foundation
import ShieldwallCore

/// Conversations' bell words the notifications of plans and calls for help through this adapter (Plans keeps both).
struct PlanNotificationSubjects: NotificationSubjects {
    let kinds: Set<NotificationKind> = [.planPublished, .planReview, .helpRequest, .helpUpdate]

    func describe(_ subjects: [NotificationSubject], for person: SignedIn, roles: [UUID: CommunityRole], localiser: Localiser,
                  on db: any Database) async throws -> [UUID: (text: String, path: String)] {
        let help = subjects.filter { $0.kind == .helpRequest || $0.kind == .helpUpdate }.map { (kind: $0.kind, subject: $0.subject) }
        var out = try await HelpNotices.describe(help, for: person, localiser: localiser, on: db)
        let plans = subjects.filter { $0.kind != .helpRequest && $0.kind != .helpUpdate }.map { (kind: $0.kind, subject: $0.subject, community: $0.community) }
        out.merge(try await PlanNotices.describe(plans, contentRoles: roles, localiser: localiser, on: db)) { a, _ in a }
        return out
    }
}
