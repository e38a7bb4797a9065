import Foundation
import Plot
import ShieldwallCore
import Vapor

enum NotificationView {
    static func list(_ ctx: PageContext, _ p: NotificationListPage) -> Response {
        Layout.page(ctx, title: ctx.t("notifications.title"), content: [
            .ul(.class("actions"),
                .li(Forms.button(ctx, action: SiteURL.notificationsRead.path, text: ctx.t("notifications.read-all"))),
                .li(.a(.href(SiteURL.notificationSettings.path), .text(ctx.t("notifications.settings"))))),
            .if(p.items.isEmpty, .p(.class("empty"), .text(ctx.t("notifications.empty")))),
            .ul(.class("notifications"), .forEach(p.items) { item in
                .li(.class(item.read ? "read" : "unread"),
                    .a(.href(item.path), .text(item.text)), .text(" · "), Format.time(item.createdAt),
                    .if(!item.read, .span(.class("badge"), .text(ctx.t("notifications.new")))))
            }),
        ])
    }

    static func settings(_ ctx: PageContext, _ p: NotificationSettingsPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("notifications.settings.title"), status: status, content: [
            .p(.text(ctx.t("notifications.settings.intro"))),
            .form(.method(.post), .action(SiteURL.notificationSettings.path),
                Forms.csrf(ctx),
                Forms.radios("delivery", legend: ctx.t("notifications.settings.legend"),
                             options: NotificationDelivery.allCases.map { ($0.rawValue, ctx.t("notifications.delivery.\($0.rawValue)")) },
                             selected: p.delivery.rawValue, error: p.error),
                Forms.radios("reports", legend: ctx.t("notifications.settings.reports"),
                             options: ReportNotices.allCases.map { ($0.rawValue, ctx.t("notifications.reports.\($0.rawValue)")) },
                             selected: p.reports.rawValue),
                Forms.submit(ctx.t("notifications.settings.save"))),
        ])
    }

    static func unsubscribe(_ ctx: PageContext, _ p: UnsubscribePage) -> Response {
        Layout.page(ctx, title: ctx.t("notification.unsubscribe.title"), content: p.done ? [
            .p(.attribute(named: "role", value: "status"), .text(ctx.t("notification.unsubscribe.done"))),
        ] : [
            .p(.text(ctx.t(p.alreadyOff ? "notification.unsubscribe.already" : "notification.unsubscribe.intro"))),
            .form(.method(.post), .action(SiteURL.unsubscribe(p.token).path), Forms.submit(ctx.t("notification.unsubscribe.submit"))),
        ])
    }
}
