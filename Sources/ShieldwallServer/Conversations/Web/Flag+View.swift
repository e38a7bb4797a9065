import Foundation
import Plot
import Vapor

enum FlagView {
    static func list(_ ctx: PageContext, _ p: FlagListPage) -> Response {
        let card = p.card
        return Layout.page(ctx, title: ctx.t("flags.title", ["community": card.name]), content: [
            .p(.a(.href(SiteURL.communityDiscussions(card.slug).path), .text(ctx.t("discussions.back")))),
            .p(.text(ctx.t("flags.intro"))),
            Table.render(caption: ctx.t("flags.caption"),
                         headers: [ctx.t("flags.thread"), ctx.t("flags.what"), ctx.t("flags.reason"), ctx.t("flags.by"), ctx.t("flags.at"), ""],
                         rows: p.flags.map { f in [
                            .a(.href(SiteURL.thread(f.threadID).path + (f.postID.map { "#post-\($0)" } ?? "")), .text(f.threadTitle)),
                            .text(f.excerpt ?? ctx.t("flags.opening-post")),
                            .text(f.reason), .text(f.reporter), Format.time(f.at),
                            Forms.button(ctx, action: SiteURL.communityFlagResolve(card.slug, f.id).path, text: ctx.t("flags.resolve")),
                         ] }, empty: ctx.t("flags.empty")),
        ])
    }
}
