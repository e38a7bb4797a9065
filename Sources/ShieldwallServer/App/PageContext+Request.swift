import Foundation
import ShieldwallCore
import Vapor

extension Request {
    /// The texts in the signed-in person's language; for visitors, the one they chose at the foot of a page, else
    /// the browser's.
    var localiser: Localiser {
        let catalogues = shieldwall.catalogues
        if let language = signedIn?.language { return catalogues.localiser(for: language) }
        if let chosen = cookies[LanguageController.cookieName]?.string, catalogues.supports(chosen) { return catalogues.localiser(for: chosen) }
        return catalogues.localiser(for: catalogues.negotiate(acceptLanguage: headers.first(name: .acceptLanguage)))
    }

    func t(_ key: String, _ values: [String: String] = [:]) -> String {
        localiser.text(key, values)
    }

    /// What the bell's count found out about notification subjects, for the rest of this request (the bell's page).
    var notificationMemo: NotificationFeed.Memo {
        if let memo = storage[NotificationMemoKey.self] { return memo }
        let memo = NotificationFeed.Memo()
        storage[NotificationMemoKey.self] = memo
        return memo
    }

    func pageContext() async throws -> PageContext {
        let settings = try await instanceSettings()
        var unread = 0
        if let person = signedIn, person.isFullySignedIn {
            unread = try await NotificationFeed.unreadCount(for: person, scope: try await ConversationScope.of(person, self),
                                                            subjects: shieldwall.links.notificationSubjects, localiser: localiser,
                                                            memo: notificationMemo, on: db)
        }
        return PageContext(
            localiser: localiser,
            signedIn: signedIn,
            csrfToken: csrfToken,
            flash: flashMessage.map { t($0) },
            languages: shieldwall.catalogues.languages,
            openRegistration: settings.openRegistration,
            unreadNotifications: unread,
            returnPath: method == .GET ? url.path + (url.query.map { "?" + $0 } ?? "") : nil
        )
    }
}

private struct NotificationMemoKey: StorageKey { typealias Value = NotificationFeed.Memo }
