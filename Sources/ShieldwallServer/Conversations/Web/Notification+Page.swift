import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The bell's page: what the person was told, newest first, as they may read it today.
struct NotificationListPage: Sendable {
    let items: [NotificationFeed.Item]

    static func build(for person: SignedIn, scope: ConversationScope, subjects: [any NotificationSubjects], localiser: Localiser,
                      memo: NotificationFeed.Memo?, on db: any Database) async throws -> NotificationListPage {
        NotificationListPage(items: try await NotificationFeed.items(for: person, scope: scope, subjects: subjects, localiser: localiser,
                                                                     memo: memo, on: db))
    }
}

/// How a person wants to hear: in the app, e-mail at once, a daily or weekly digest, or not at all.
struct NotificationSettingsPage: Sendable {
    let delivery: NotificationDelivery
    let reports: ReportNotices
    let error: String?
}

struct NotificationSettingsForm: Content {
    var delivery: String?
    var reports: String?
}

/// The page behind an e-mail's unsubscribe link: asked once, then done.
struct UnsubscribePage: Sendable {
    let token: String
    /// Mail is already off: there is nothing to stop.
    let alreadyOff: Bool
    let done: Bool
}
