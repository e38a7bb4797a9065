import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ThreadEditView {
    static func form(_ ctx: PageContext, _ p: ThreadEditPage, status: HTTPStatus = .ok) -> Response {
        let form = p.form, errors = p.errors
        let action = p.postID.map { SiteURL.postEdit($0).path } ?? SiteURL.threadEdit(p.threadID).path
        return Layout.page(ctx, title: ctx.t(p.postID == nil ? "thread.edit.title" : "thread.edit-reply.title"), status: status, content: [
            .p(.a(.href(SiteURL.thread(p.threadID).path), .text(ctx.t("thread.back", ["title": p.threadTitle])))),
            .p(.class("hint"), .text(ctx.t("thread.edit.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(action),
                Forms.csrf(ctx),
                .if(p.postID == nil, Forms.field("title", label: ctx.t("thread.title-field"), value: form.title ?? "", error: errors["title"])),
                Forms.textarea("body", label: ctx.t("thread.body"), value: form.body ?? "", error: errors["body"], hint: ctx.t("thread.markdown.hint"), rows: 10),
                .if(p.postID == nil, Forms.field("tags", label: ctx.t("thread.tags"), value: form.tags ?? "", error: errors["tags"],
                                                 hint: ctx.t("thread.tags.hint"), required: false)),
                Forms.submit(ctx.t("thread.edit.save"))),
        ])
    }

    static func history(_ ctx: PageContext, _ p: ThreadHistoryPage) -> Response {
        Layout.page(ctx, title: ctx.t("thread.history.title", ["title": p.threadTitle]), content: [
            .p(.a(.href(SiteURL.thread(p.threadID).path), .text(ctx.t("thread.back", ["title": p.threadTitle])))),
            .p(.text(ctx.t("thread.history.intro"))),
            .if(p.revisions.isEmpty, .p(.class("empty"), .text(ctx.t("thread.history.empty")))),
            .forEach(p.revisions) { r in
                .article(.class("revision"), .id(r.postID.map { "post-\($0)" } ?? "opening-\(r.id.uuidString)"),
                    .p(.class("byline"),
                       .text(ctx.t(r.postID == nil ? "thread.history.opening" : "thread.history.reply", ["editor": r.editor]) + " · "),
                       Format.time(r.at)),
                    .unwrap(r.title) { .p(.strong(.text($0))) },
                    Markdown.node(r.body))
            },
        ])
    }
}
