import Foundation
import Plot
import ShieldwallCore
import Vapor

enum PublicEventView {
    static func page(_ ctx: PageContext, _ p: PublicEventPage, status: HTTPStatus = .ok) -> Response {
        let e = p.summary
        return Layout.page(ctx, title: e.event.title, status: status, content: [
            .p(.a(.href(SiteURL.chapter(p.chapter.slug).path), .text(ctx.t("chapters.back", ["chapter": p.chapter.name])))),
            .if(p.isOrganiser, .p(.a(.href(SiteURL.communityChapterEvent(p.chapter.slug, e.event.id).path), .text(ctx.t("chapters.registrations-link"))))),
            .dl(
                .dt(.text(ctx.t("field.event-kind"))), .dd(.text(ctx.t("event.kind.\(e.event.kind.rawValue)"))),
                .dt(.text(ctx.t("chapters.when"))), .dd(.text(e.event.localTime)),
                .dt(.text(ctx.t("field.location"))), .dd(.text(e.event.location.isEmpty ? "—" : e.event.location)),
                .unwrap(e.host) { .group(.dt(.text(ctx.t("chapters.host"))), .dd(.text($0))) },
                .dt(.text(ctx.t("chapters.seats"))), .dd(.text(ChapterPublicView.seats(ctx, e)))
            ),
            Markdown.node(p.description),
            .p(.a(.href(SiteURL.chapterEventICS(p.chapter.slug, e.event.id).path), .text(ctx.t("chapters.ics")))),
            .if(e.isCTF, .p(.a(.href(SiteURL.chapterCTF(p.chapter.slug, e.event.id).path), .text(ctx.t("chapters.ctf-link"))))),
            .if(!p.open && !e.materials.isEmpty, .group(.h2(.text(ctx.t("chapters.materials"))), Markdown.node(e.materials))),
            .if(p.open, .group(
                .h2(.id("register"), .text(ctx.t("chapters.register"))),
                .p(.class("hint"), .text(ctx.t("chapters.register-hint", ["days": String(VisitorRules.retentionDays)]))),
                .if(e.free == 0, .p(.text(ctx.t("chapters.register-waiting")))),
                Forms.errorSummary(ctx, p.errors),
                .form(.method(.post), .action(e.path), Forms.csrf(ctx),
                      Forms.field("name", label: ctx.t("chapters.your-name"), value: p.form.name ?? "", error: p.errors["name"], autocomplete: "name"),
                      Forms.field("email", label: ctx.t("field.email"), type: .email, value: p.form.email ?? "", error: p.errors["email"], autocomplete: "email"),
                      .if(e.isCTF, Forms.field("handle", label: ctx.t("chapters.handle"), value: p.form.handle ?? "", error: p.errors["handle"],
                                               hint: ctx.t("chapters.handle-hint"))),
                      Forms.checkbox("keep_in_touch", label: ctx.t("chapters.keep-in-touch"), checked: p.form.keep_in_touch != nil),
                      Forms.submit(ctx.t("chapters.register-button")))
            )),
        ])
    }
}
