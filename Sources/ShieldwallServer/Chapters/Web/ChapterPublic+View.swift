import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ChapterPublicView {
    static func page(_ ctx: PageContext, _ p: ChapterPublicPage) -> Response {
        Layout.page(ctx, title: p.name, content: [
            .if(!p.published, .p(.class("flash"), .text(ctx.t("chapters.preview")))),
            .if(p.isOrganiser, .p(.a(.href(SiteURL.communityChapter(p.slug).path), .text(ctx.t("chapters.manage"))))),
            Markdown.node(p.about),
            .h2(.text(ctx.t("chapters.coming"))),
            events(ctx, p.coming, past: false),
            .h2(.text(ctx.t("chapters.past"))),
            events(ctx, p.past, past: true),
        ])
    }

    static func events(_ ctx: PageContext, _ items: [PublicEventSummary], past: Bool) -> Node<HTML.BodyContext> {
        guard !items.isEmpty else { return .p(.text(ctx.t(past ? "chapters.past-none" : "chapters.coming-none"))) }
        return .ul(.class("cards"), .forEach(items) { e in
            .li(
                .h3(.a(.href(e.path), .text(e.event.title))),
                .p(.text(ctx.t("event.kind.\(e.event.kind.rawValue)") + " — " + e.event.localTime + (e.event.location.isEmpty ? "" : " — " + e.event.location))),
                .unwrap(e.host) { .p(.text(ctx.t("chapters.hosted-by", ["firm": $0]))) },
                past ? .if(e.isCTF, .p(.a(.href(SiteURL.chapterCTF(e.chapterSlug, e.event.id).path), .text(ctx.t("chapters.ctf-results")))))
                     : .p(.text(seats(ctx, e)))
            )
        })
    }

    static func seats(_ ctx: PageContext, _ e: PublicEventSummary) -> String {
        guard let free = e.free else { return ctx.t("chapters.seats-open", ["count": String(e.seated)]) }
        return free > 0 ? ctx.t("chapters.seats-free", ["free": String(free), "capacity": String(e.capacity ?? 0)])
                        : ctx.t("chapters.seats-full", ["waiting": String(e.waiting)])
    }
}
