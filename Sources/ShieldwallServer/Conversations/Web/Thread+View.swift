import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ThreadView {
    static func show(_ ctx: PageContext, _ page: ThreadPage, status: HTTPStatus = .ok) -> Response {
        let t = page.thread, id = t.id, errors = page.errors
        return Layout.page(ctx, title: t.title, status: status, content: [
            .p(.a(.href(SiteURL.communityDiscussions(page.card.slug).path), .text(ctx.t("discussions.back-to", ["community": page.card.name])))),
            Forms.errorSummary(ctx, errors),
            facts(ctx, page),
            opening(ctx, page),
            .unwrap(page.poll) { poll(ctx, page, $0, errors: errors) },
            .h2(.id("replies"), .text(ctx.t("thread.replies.heading", ["count": String(page.replies.count)]))),
            .if(page.replies.isEmpty, .p(.class("empty"), .text(ctx.t("thread.no-replies")))),
            .forEach(page.replies) { reply(ctx, page, $0) },
            replyForm(ctx, page, errors: errors),
            .if(page.canModerate, moderation(ctx, page)),
            .if(page.canParticipate, flagForm(ctx, id, post: nil)),
        ])
    }

    static func facts(_ ctx: PageContext, _ page: ThreadPage) -> Node<HTML.BodyContext> {
        let t = page.thread
        return .dl(.class("facts"),
            .dt(.text(ctx.t("thread.kind"))), .dd(DiscussionView.kindBadge(ctx, t.kind)),
            .dt(.text(ctx.t("thread.started-by"))), .dd(.text(page.author)),
            .dt(.text(ctx.t("thread.started-at"))), .dd(Format.time(t.createdAt)),
            .if(!t.tags.isEmpty, .group(.dt(.text(ctx.t("thread.tags"))), .dd(.text(t.tags.map { "#" + $0 }.joined(separator: " "))))),
            .if(t.kind == .question, .group(.dt(.text(ctx.t("thread.status"))),
                .dd(.id("question-status"), .text(ctx.t(t.acceptedPostID != nil ? "thread.accepted" : (t.answered ? "thread.answered" : "thread.unanswered")))))),
            .if(t.pinned, .group(.dt(.text(ctx.t("thread.pinned"))), .dd(.text(ctx.t("thread.pinned.help"))))),
            .if(t.locked, .group(.dt(.text(ctx.t("thread.locked"))), .dd(.text(ctx.t("thread.locked.help")))))
        )
    }

    static func opening(_ ctx: PageContext, _ page: ThreadPage) -> Node<HTML.BodyContext> {
        let id = page.thread.id
        return .article(.class("post opening"), .id("opening"),
            Markdown.node(page.thread.body),
            .p(.class("meta"),
               .if(page.thread.edited, .a(.href(SiteURL.threadHistory(id).path), .text(ctx.t("thread.edited")))),
               .if(page.canEdit, .a(.href(SiteURL.threadEdit(id).path), .text(" " + ctx.t("thread.edit"))))),
            .if(page.canDelete, Forms.more(ctx, [Forms.dangerButton(ctx, action: SiteURL.threadDelete(id).path, text: ctx.t("thread.delete"),
                                                                    confirm: "delete-thread", name: page.thread.title)]))
        )
    }

    static func reply(_ ctx: PageContext, _ page: ThreadPage, _ r: ThreadPage.Reply) -> Node<HTML.BodyContext> {
        let threadID = page.thread.id
        let accepted = page.thread.acceptedPostID == r.id
        return .article(.class(accepted ? "post reply accepted" : "post reply"), .id("post-\(r.id)"),
            .p(.class("byline"), .strong(.text(r.author)),
               .if(r.expert, .span(.class("badge expert"), .text(ctx.t("thread.expert")))),
               .if(accepted, .span(.class("badge accepted"), .text(ctx.t("thread.accepted-answer")))),
               .text(" · "), Format.time(r.createdAt),
               .if(r.edited, .a(.href(SiteURL.threadHistory(threadID).path + "#post-\(r.id)"), .text(" · " + ctx.t("thread.edited"))))),
            Markdown.node(r.body),
            .div(.class("post-actions"),
                .span(.class("helpful-count"), .text(ctx.t("thread.helpful.count", ["count": String(r.helpful)]))),
                .if(page.canParticipate && !r.mine,
                    Forms.button(ctx, action: SiteURL.postHelpful(r.id).path, text: ctx.t(r.helpfulByMe ? "thread.helpful.undo" : "thread.helpful"))),
                .if(page.canReply, .a(.href(SiteURL.thread(threadID).path + "?quote=\(r.id)#reply"), .text(ctx.t("thread.quote")))),
                .if(page.canAccept && !accepted,
                    Forms.button(ctx, action: SiteURL.threadAccept(threadID).path, text: ctx.t("thread.accept"), hidden: [("post", r.id.uuidString)])),
                .if(page.canAccept && accepted,
                    Forms.button(ctx, action: SiteURL.threadAccept(threadID).path, text: ctx.t("thread.unaccept"), hidden: [("post", "")])),
                Forms.more(ctx, [
                    r.canEdit ? .a(.href(SiteURL.postEdit(r.id).path), .text(ctx.t("thread.edit"))) : nil,
                    r.canDelete ? Forms.dangerButton(ctx, action: SiteURL.postDelete(r.id).path, text: ctx.t("thread.delete-reply"),
                                                     confirm: "delete-reply", name: r.author) : nil,
                    page.canParticipate ? flagForm(ctx, threadID, post: r.id) : nil,
                ].compactMap { $0 }))
        )
    }

    static func replyForm(_ ctx: PageContext, _ page: ThreadPage, errors: [String: String]) -> Node<HTML.BodyContext> {
        let id = page.thread.id
        guard page.canReply else {
            return page.thread.locked ? .p(.class("note"), .text(ctx.t("thread.locked.help"))) : .empty
        }
        return .form(.id("reply"), .method(.post), .action(SiteURL.threadReplies(id).path),
            Forms.csrf(ctx),
            Forms.textarea("body", label: ctx.t("thread.reply"), value: page.draft, error: errors["body"], hint: ctx.t("thread.reply.hint"), rows: 6),
            Forms.submit(ctx.t("thread.reply.send")))
    }

    static func flagForm(_ ctx: PageContext, _ threadID: UUID, post: UUID?) -> Node<HTML.BodyContext> {
        .element(named: "details", nodes: [.class("flag"),
            .element(named: "summary", nodes: [.text(ctx.t(post == nil ? "thread.flag.thread" : "thread.flag.post"))]),
            .form(.method(.post), .action(SiteURL.threadFlag(threadID).path),
                  Forms.csrf(ctx),
                  .input(.type(.hidden), .attr("name", "post"), .attr("value", post?.uuidString ?? "")),
                  Forms.field("reason", label: ctx.t("thread.flag.reason"), id: "flag-\(post?.uuidString ?? "thread")"),
                  Forms.submit(ctx.t("thread.flag.send"))),
        ])
    }

    static func moderation(_ ctx: PageContext, _ page: ThreadPage) -> Node<HTML.BodyContext> {
        let id = page.thread.id
        return .section(.class("moderation"),
            .h2(.text(ctx.t("thread.moderation"))),
            Forms.button(ctx, action: SiteURL.threadModerate(id).path, text: ctx.t(page.thread.pinned ? "thread.unpin" : "thread.pin"),
                         hidden: [("pinned", page.thread.pinned ? "false" : "true")]),
            Forms.button(ctx, action: SiteURL.threadModerate(id).path, text: ctx.t(page.thread.locked ? "thread.unlock" : "thread.lock"),
                         hidden: [("locked", page.thread.locked ? "false" : "true")]),
            .a(.href(SiteURL.communityFlags(page.card.slug).path), .text(ctx.t("flags.link"))))
    }

    static func poll(_ ctx: PageContext, _ page: ThreadPage, _ p: PollActions.Results, errors: [String: String]) -> Node<HTML.BodyContext> {
        let id = page.thread.id
        let state = p.closed ? ctx.t("poll.closed") : ctx.t("poll.closes", ["when": Format.dateTime(p.closesAt)])
        return .section(.class("poll"), .id("poll"),
            .h2(.text(p.question)),
            .p(.class("note"), .text(state + " · " + ctx.t("poll.voters", ["count": String(p.voters)]) + " · " + ctx.t("poll.secret"))),
            .if(p.visible, results(ctx, p)),
            .if(!p.visible, .p(.text(ctx.t("poll.results-after")))),
            .if(!p.closed && !p.voted && page.canParticipate, voteForm(ctx, id, p, error: errors["choices"])),
            .if(p.voted, .p(.class("note"), .text(ctx.t("poll.you-voted")))),
            .if(!p.closed && page.canClosePoll, Forms.button(ctx, action: SiteURL.threadPollClose(id).path, text: ctx.t("poll.close"))))
    }

    static func results(_ ctx: PageContext, _ p: PollActions.Results) -> Node<HTML.BodyContext> {
        let total = max(1, p.options.map(\.votes).reduce(0, +))
        return .ul(.class("poll-results"), .forEach(p.options) { o in
            .li(.text("\(o.label): \(o.votes)"), .element(named: "meter", nodes: [.attr("min", "0"), .attr("max", String(total)), .attr("value", String(o.votes))]))
        })
    }

    static func voteForm(_ ctx: PageContext, _ id: UUID, _ p: PollActions.Results, error: String?) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(SiteURL.threadPollVote(id).path),
            Forms.csrf(ctx),
            .element(named: "fieldset", nodes: [
                .element(named: "legend", nodes: [.text(ctx.t(p.multiple ? "poll.choose-any" : "poll.choose-one"))]),
                .unwrap(error) { .p(.class("error"), .text($0)) },
                .forEach(p.options) { o in
                    .div(.class("choice"),
                         .input(.type(p.multiple ? .checkbox : .radio), .attr("name", "choices[]"), .attr("value", o.id.uuidString),
                                .attr("id", "choice-\(o.id)")),
                         .label(.for("choice-\(o.id)"), .text(o.label)))
                },
            ]),
            Forms.submit(ctx.t("poll.vote")))
    }
}
