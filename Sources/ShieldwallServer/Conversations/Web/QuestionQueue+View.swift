import Foundation
import Plot
import Vapor

enum QuestionQueueView {
    static func page(_ ctx: PageContext, _ p: QuestionQueuePage) -> Response {
        Layout.page(ctx, title: ctx.t("questions.title"), content: [
            .p(.text(ctx.t(p.isExpert ? "questions.intro" : "questions.not-expert"))),
            Table.render(caption: ctx.t("questions.caption"),
                         headers: [ctx.t("thread.title-field"), ctx.t("questions.community"), ctx.t("thread.started-by"), ctx.t("questions.asked"),
                                   ctx.t("thread.replies")],
                         rows: p.questions.map { q in [
                            .a(.href(SiteURL.thread(q.id).path), .text(q.title)),
                            .a(.href(SiteURL.communityDiscussions(q.communitySlug).path), .text(q.communityName)),
                            .text(q.author), Format.time(q.askedAt), .text(String(q.replies)),
                         ] }, empty: ctx.t("questions.empty")),
        ])
    }
}
