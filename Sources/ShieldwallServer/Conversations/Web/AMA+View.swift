import Foundation
import Plot
import ShieldwallCore
import Vapor

enum AMAView {
    static func page(_ ctx: PageContext, _ p: AMAPage, status: HTTPStatus = .ok) -> Response {
        let eventID = p.eventID, form = p.form, errors = p.errors
        let open = p.questions.filter { !$0.answered }, answered = p.questions.filter(\.answered)
        return Layout.page(ctx, title: ctx.t("ama.title", ["title": p.eventTitle]), status: status, content: [
            .p(.a(.href(SiteURL.communityEvent(p.card.slug, eventID).path), .text(ctx.t("ama.back")))),
            .p(.text(ctx.t("ama.intro"))),
            Forms.errorSummary(ctx, errors),
            .if(p.canAsk, .form(.method(.post), .action(SiteURL.communityEventQuestions(p.card.slug, eventID).path),
                Forms.csrf(ctx),
                Forms.field("title", label: ctx.t("ama.question"), value: form.title ?? "", error: errors["title"], hint: ctx.t("ama.question.hint")),
                Forms.textarea("body", label: ctx.t("ama.details"), value: form.body ?? "", error: errors["body"], required: false, rows: 3),
                Forms.submit(ctx.t("ama.ask")))),
            .h2(.text(ctx.t("ama.open", ["count": String(open.count)]))),
            list(ctx, open, canVote: p.canAsk, empty: ctx.t("ama.open.empty")),
            .h2(.text(ctx.t("ama.answered", ["count": String(answered.count)]))),
            list(ctx, answered, canVote: false, empty: ctx.t("ama.answered.empty")),
        ])
    }

    static func list(_ ctx: PageContext, _ questions: [AMAPage.Question], canVote: Bool, empty: String) -> Node<HTML.BodyContext> {
        guard !questions.isEmpty else { return .p(.class("empty"), .text(empty)) }
        return .ol(.class("ama-questions"), .forEach(questions) { q in
            .li(.id("q-\(q.id)"),
                .a(.href(SiteURL.thread(q.id).path), .text(q.title)),
                .span(.class("note"), .text(" · " + q.author + " · " + ctx.t("ama.votes", ["count": String(q.votes)])
                                             + " · " + ctx.t("ama.replies", ["count": String(q.replies)]))),
                .if(canVote, Forms.button(ctx, action: SiteURL.threadVote(q.id).path, text: ctx.t(q.votedByMe ? "ama.unvote" : "ama.vote"))))
        })
    }
}
