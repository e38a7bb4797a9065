import Fluent
import Foundation
import ShieldwallCore

/// Conversations' digest lists the firm's overdue plan actions (Assessments) through this adapter.
struct OverdueActionsDigest: DigestSection {
    /// The firm's overdue plan actions the person should hear about: those assigned to them, and for the firm's admin all of them.
    func items(for person: Person, localiser: Localiser, now: Date, on db: any Database) async throws -> [NotificationFeed.Item] {
        guard let org = person.$organisation.id, let personID = person.id else { return [] }
        let admin = person.organisationRole == .admin
        return try await PlanActions.overdue(of: org, on: db, now: now).filter { admin || $0.$owner.id == personID }.compactMap { action in
            guard let id = action.id else { return nil }
            return NotificationFeed.Item(id: id, kind: nil, text: localiser.text("notification.overdue-action", ["title": action.title, "due": action.dueOn ?? ""]),
                                         path: SiteURL.action(id).path, createdAt: action.updatedAt, read: false, communityID: nil)
        }
    }
}
