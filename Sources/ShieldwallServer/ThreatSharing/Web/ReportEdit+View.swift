import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ReportEditView {
    static func form(_ ctx: PageContext, _ p: ReportEditPage, status: HTTPStatus = .ok) -> Response {
        let id = p.reportID, form = p.form, errors = p.errors
        return Layout.page(ctx, title: ctx.t("report.edit.title"), status: status, content: [
            .p(.a(.href(SiteURL.report(id).path), .text(ctx.t("report.back", ["title": p.reportTitle])))),
            .p(.class("hint"), .text(ctx.t("report.edit.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.reportEdit(id).path),
                Forms.csrf(ctx),
                Forms.field("title", label: ctx.t("report.title-field"), value: form.title ?? "", error: errors["title"]),
                Forms.textarea("summary", label: ctx.t("report.summary"), value: form.summary ?? "", error: errors["summary"], rows: 3),
                Forms.textarea("narrative", label: ctx.t("report.narrative"), value: form.narrative ?? "", error: errors["narrative"],
                               hint: ctx.t("report.markdown.hint"), required: false, rows: 8),
                Forms.textarea("what_happened", label: ctx.t("report.what-happened"), value: form.what_happened ?? "", error: errors["what_happened"],
                               required: false, rows: 3),
                Forms.textarea("impact", label: ctx.t("report.impact"), value: form.impact ?? "", error: errors["impact"], required: false, rows: 3),
                Forms.textarea("what_helped", label: ctx.t("report.what-helped"), value: form.what_helped ?? "", error: errors["what_helped"],
                               required: false, rows: 3),
                Forms.submit(ctx.t("report.edit.save"))),
        ])
    }

    static func history(_ ctx: PageContext, _ p: ReportHistoryPage) -> Response {
        let id = p.reportID
        return Layout.page(ctx, title: ctx.t("report.history.title", ["title": p.reportTitle]), content: [
            .p(.a(.href(SiteURL.report(id).path), .text(ctx.t("report.back", ["title": p.reportTitle])))),
            .p(.text(ctx.t("report.history.intro"))),
            .if(p.revisions.isEmpty && p.comments.isEmpty, .p(.class("empty"), .text(ctx.t("report.history.empty")))),
            .forEach(p.revisions) { r in
                .article(.class("revision"),
                    .p(.class("byline"), .text(ctx.t("report.history.before", ["editor": r.editor]) + " · "), Format.time(r.at)),
                    .p(.strong(.text(r.title))), .p(.text(r.summary)),
                    .if(!r.narrative.isEmpty, Markdown.node(r.narrative)))
            },
            .if(!p.comments.isEmpty, .h2(.text(ctx.t("report.history.comments")))),
            .forEach(p.comments) { c in
                .article(.class("revision"),
                    .p(.class("byline"), .text(ctx.t("report.history.comment-before", ["editor": c.editor]) + " · "), Format.time(c.at)),
                    Markdown.node(c.body))
            },
        ])
    }

    static func commentForm(_ ctx: PageContext, _ p: CommentEditPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("report.comment-edit.title"), status: status, content: [
            .p(.a(.href(SiteURL.report(p.reportID).path), .text(ctx.t("report.back", ["title": p.reportTitle])))),
            .form(.method(.post), .action(SiteURL.reportCommentEdit(p.reportID, p.commentID).path),
                Forms.csrf(ctx),
                Forms.textarea("body", label: ctx.t("report.comment"), value: p.body, error: p.error, rows: 5),
                Forms.submit(ctx.t("report.edit.save"))),
        ])
    }
}
