import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ThreadEditView {
    static func form(_ ctx: PageContext, thread: ConversationThread, postID: UUID?, form: ThreadEditController.EditForm,
                     errors: [String: String], status: HTTPStatus = .ok) -> Response {
        let threadID = thread.id ?? UUID()
        let action = postID.map { SiteURL.postEdit($0).path } ?? SiteURL.threadEdit(threadID).path
        return Layout.page(ctx, title: ctx.t(postID == nil ? "thread.edit.title" : "thread.edit-reply.title"), status: status, content: [
            .p(.a(.href(SiteURL.thread(threadID).path), .text(ctx.t("thread.back", ["title": thread.title])))),
            .p(.class("hint"), .text(ctx.t("thread.edit.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(action),
                Forms.csrf(ctx),
                .if(postID == nil, Forms.field("title", label: ctx.t("thread.title-field"), value: form.title ?? "", error: errors["title"])),
                Forms.textarea("body", label: ctx.t("thread.body"), value: form.body ?? "", error: errors["body"], hint: ctx.t("thread.markdown.hint"), rows: 10),
                .if(postID == nil, Forms.field("tags", label: ctx.t("thread.tags"), value: form.tags ?? "", error: errors["tags"],
                                               hint: ctx.t("thread.tags.hint"), required: false)),
                Forms.submit(ctx.t("thread.edit.save"))),
        ])
    }

    static func history(_ ctx: PageContext, thread: ConversationThread, revisions: [PostRevision]) -> Response {
        let threadID = thread.id ?? UUID()
        return Layout.page(ctx, title: ctx.t("thread.history.title", ["title": thread.title]), content: [
            .p(.a(.href(SiteURL.thread(threadID).path), .text(ctx.t("thread.back", ["title": thread.title])))),
            .p(.text(ctx.t("thread.history.intro"))),
            .if(revisions.isEmpty, .p(.class("empty"), .text(ctx.t("thread.history.empty")))),
            .forEach(revisions) { r in
                .article(.class("revision"), .id(r.$post.id.map { "post-\($0)" } ?? "opening-\(r.id?.uuidString ?? "")"),
                    .p(.class("byline"),
                       .text(ctx.t(r.$post.id == nil ? "thread.history.opening" : "thread.history.reply", ["editor": r.editor.displayName]) + " · "),
                       Format.time(r.createdAt)),
                    .unwrap(r.title) { .p(.strong(.text($0))) },
                    Markdown.node(r.body))
            },
        ])
    }
}
