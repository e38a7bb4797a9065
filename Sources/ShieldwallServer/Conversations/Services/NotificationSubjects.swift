import Fluent
import Foundation
import ShieldwallCore

/// Words the notifications whose subject another part keeps (`NotificationKind.isAboutSubject`): the plan, a
/// call for help, a threat report. The part that keeps it answers for one reader at a time, and leaves out what
/// that reader may no longer see (a report's TLP, a community they left). Wired by App (`DomainLinks`).
protocol NotificationSubjects: Sendable {
    var kinds: Set<NotificationKind> { get }

    /// Text and address of each subject, by subject id, as `person` may see it today. `roles`: the communities whose
    /// content they may see (`CommunityStandings.contentRoles`), already read for the bell.
    func describe(_ subjects: [NotificationSubject], for person: SignedIn, roles: [UUID: CommunityRole], localiser: Localiser,
                  on db: any Database) async throws -> [UUID: (text: String, path: String)]
}

struct NotificationSubject: Sendable, Hashable {
    let kind: NotificationKind
    let subject: UUID
    let community: UUID
}
