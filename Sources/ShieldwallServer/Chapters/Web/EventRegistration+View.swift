import Foundation
import Plot
import ShieldwallCore
import Vapor

enum EventRegistrationView {
    static func page(_ ctx: PageContext, _ p: EventRegistrationPage) -> Response {
        let place: String
        switch p.place {
        case .pending: place = ctx.t("chapters.place-pending")
        case .seat: place = ctx.t("chapters.place-seat")
        case .waiting(let n): place = ctx.t("chapters.place-waiting", ["position": String(n)])
        case .cancelled: place = ctx.t("chapters.place-cancelled")
        }
        let live = p.place != .cancelled
        return Layout.page(ctx, title: ctx.t("chapters.registration-title", ["event": p.event.title]), content: [
            .unwrap(p.note) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
            .p(.text(ctx.t("chapters.registration-for", ["name": p.name]))),
            .p(.strong(.text(place))),
            .p(.text(p.event.localTime + (p.event.location.isEmpty ? "" : " — " + p.event.location))),
            .p(.a(.href(SiteURL.chapterEvent(p.chapterSlug, p.event.id).path), .text(ctx.t("chapters.event-page")))),
            .if(live, .p(.a(.href(SiteURL.chapterEventICS(p.chapterSlug, p.event.id).path), .text(ctx.t("chapters.ics"))))),
            .if(live && p.event.kind == .ctf && p.place != .pending,
                .p(.a(.href(SiteURL.chapterCTF(p.chapterSlug, p.event.id).path), .text(ctx.t("chapters.ctf-play"))))),
            .if(live && p.upcoming, Forms.button(ctx, action: SiteURL.registrationCancel(p.token).path,
                                                                        text: ctx.t("chapters.cancel-button"), danger: true)),
        ])
    }

    static func unsubscribe(_ ctx: PageContext, token: String, done: Bool) -> Response {
        Layout.page(ctx, title: ctx.t("chapters.unsubscribe-title"), content: [
            done ? .p(.text(ctx.t("chapters.unsubscribed")))
                 : .form(.method(.post), .action(SiteURL.chapterUnsubscribe(token).path), .p(.text(ctx.t("chapters.unsubscribe-ask"))),
                         Forms.submit(ctx.t("chapters.unsubscribe-button"))),
        ])
    }

    static func message(_ ctx: PageContext, title: String, text: String, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: title, status: status, content: [.p(.text(text))])
    }
}
