import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The bell's page, "mark all read", and how a person wants to hear (in the app, e-mail at once, digests, none).
struct NotificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.notifications, use: list)
        routes.post(SiteURL.notificationsRead, use: readAll)
        routes.get(SiteURL.notificationSettings, use: settings)
        routes.post(SiteURL.notificationSettings, use: saveSettings)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let ctx = try await req.pageContext()
        let page = try await NotificationListPage.build(for: person, scope: try await ConversationScope.of(person, req),
                                                        subjects: req.shieldwall.links.notificationSubjects, localiser: ctx.localiser,
                                                        memo: req.notificationMemo, on: req.db)
        return NotificationView.list(ctx, page)
    }

    @Sendable func readAll(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        try await NotificationFeed.markAllRead(for: person, on: req.db, now: req.now)
        return req.seeOther(SiteURL.notifications.path, flash: "flash.notifications-read")
    }

    @Sendable func settings(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let setting = try await NotificationFeed.setting(for: person.personID, on: req.db, now: req.now)
        return NotificationView.settings(try await req.pageContext(),
                                         NotificationSettingsPage(delivery: setting.delivery, reports: setting.reports, error: nil))
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let form = try req.content.decode(NotificationSettingsForm.self)
        let reports = form.reports.map { ReportNotices(rawValue: $0) }
        guard let delivery = NotificationDelivery(rawValue: form.delivery ?? ""), reports != .some(nil) else {
            let ctx = try await req.pageContext()
            return NotificationView.settings(ctx, NotificationSettingsPage(delivery: .inApp, reports: .all, error: ctx.t("error.choose-one")),
                                             status: .unprocessableEntity)
        }
        try await NotificationFeed.choose(delivery, reports: reports ?? nil, for: person.personID, on: req.db, now: req.now)
        return req.seeOther(SiteURL.notificationSettings.path, flash: "flash.notification-settings-saved")
    }
}

/// The unsubscribe link of every notification e-mail: no session needed, the token is the key. The page
/// asks once; the POST (also what mail programs send for RFC 8058 one-click) switches e-mail off.
struct UnsubscribeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.unsubscribe, use: page)
        routes.post(SiteURL.unsubscribe, use: unsubscribe)
    }

    static func setting(_ req: Request) async throws -> NotificationSetting {
        guard let token = req.parameters.get(.token), token.count >= 20, token.count < 100,
              let row = try await NotificationSetting.query(on: req.db).filter(\.$unsubscribeToken == token).first()
        else { throw Abort(.notFound, reason: req.t("notification.unsubscribe.unknown")) }
        return row
    }

    @Sendable func page(req: Request) async throws -> Response {
        let row = try await Self.setting(req)
        let page = UnsubscribePage(token: row.unsubscribeToken, alreadyOff: row.delivery == .inApp || row.delivery == .none, done: false)
        return NotificationView.unsubscribe(try await req.pageContext(), page)
    }

    @Sendable func unsubscribe(req: Request) async throws -> Response {
        let row = try await Self.setting(req)
        if row.delivery != .inApp && row.delivery != .none {
            row.delivery = NotificationDelivery.inApp
            row.updatedAt = req.now
            try await row.update(on: req.db)
        }
        return NotificationView.unsubscribe(try await req.pageContext(), UnsubscribePage(token: row.unsubscribeToken, alreadyOff: true, done: true))
    }
}
