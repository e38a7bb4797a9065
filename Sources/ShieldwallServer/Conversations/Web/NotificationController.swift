import Fluent
import Foundation
import Plot
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
        let scope = try await ConversationScope.of(person, on: req.db)
        let ctx = try await req.pageContext()
        let items = try await NotificationFeed.items(for: person.personID, scope: scope, localiser: ctx.localiser, on: req.db)
        return NotificationView.list(ctx, items: items)
    }

    @Sendable func readAll(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        try await NotificationFeed.markAllRead(for: person, on: req.db, now: req.now)
        return req.seeOther(SiteURL.notifications.path, flash: "flash.notifications-read")
    }

    @Sendable func settings(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let setting = try await NotificationFeed.setting(for: person.personID, on: req.db, now: req.now)
        return NotificationView.settings(try await req.pageContext(), delivery: setting.delivery, error: nil)
    }

    struct SettingsForm: Content { var delivery: String? }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard let delivery = NotificationDelivery(rawValue: try req.content.decode(SettingsForm.self).delivery ?? "") else {
            let ctx = try await req.pageContext()
            return NotificationView.settings(ctx, delivery: .inApp, error: ctx.t("error.choose-one"), status: .unprocessableEntity)
        }
        try await NotificationFeed.choose(delivery, for: person.personID, on: req.db, now: req.now)
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
        let ctx = try await req.pageContext()
        let path = SiteURL.unsubscribe(row.unsubscribeToken).path
        return Layout.page(ctx, title: ctx.t("notification.unsubscribe.title"), content: [
            .p(.text(ctx.t(row.delivery == .inApp || row.delivery == .none ? "notification.unsubscribe.already" : "notification.unsubscribe.intro"))),
            .form(.method(.post), .action(path), Forms.submit(ctx.t("notification.unsubscribe.submit"))),
        ])
    }

    @Sendable func unsubscribe(req: Request) async throws -> Response {
        let row = try await Self.setting(req)
        if row.delivery != .inApp && row.delivery != .none {
            row.delivery = NotificationDelivery.inApp
            row.updatedAt = req.now
            try await row.update(on: req.db)
        }
        let ctx = try await req.pageContext()
        return Layout.page(ctx, title: ctx.t("notification.unsubscribe.title"), content: [
            .p(.attribute(named: "role", value: "status"), .text(ctx.t("notification.unsubscribe.done"))),
        ])
    }
}

enum NotificationView {
    static func list(_ ctx: PageContext, items: [NotificationFeed.Item]) -> Response {
        Layout.page(ctx, title: ctx.t("notifications.title"), content: [
            .ul(.class("actions"),
                .li(Forms.button(ctx, action: SiteURL.notificationsRead.path, text: ctx.t("notifications.read-all"))),
                .li(.a(.href(SiteURL.notificationSettings.path), .text(ctx.t("notifications.settings"))))),
            .if(items.isEmpty, .p(.class("empty"), .text(ctx.t("notifications.empty")))),
            .ul(.class("notifications"), .forEach(items) { item in
                .li(.class(item.read ? "read" : "unread"),
                    .a(.href(item.path), .text(item.text)), .text(" · "), Format.time(item.createdAt),
                    .if(!item.read, .span(.class("badge"), .text(ctx.t("notifications.new")))))
            }),
        ])
    }

    static func settings(_ ctx: PageContext, delivery: NotificationDelivery, error: String?, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("notifications.settings.title"), status: status, content: [
            .p(.text(ctx.t("notifications.settings.intro"))),
            .form(.method(.post), .action(SiteURL.notificationSettings.path),
                Forms.csrf(ctx),
                Forms.radios("delivery", legend: ctx.t("notifications.settings.legend"),
                             options: NotificationDelivery.allCases.map { ($0.rawValue, ctx.t("notifications.delivery.\($0.rawValue)")) },
                             selected: delivery.rawValue, error: error),
                Forms.submit(ctx.t("notifications.settings.save"))),
        ])
    }
}
