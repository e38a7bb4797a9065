import Fluent
import Foundation
import Plot
import ShieldwallCore
import Vapor

/// Editing a report's words and a comment, and the history of both — all through `ReportScope`.
struct ReportEditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.reportEdit, use: form)
        routes.post(SiteURL.reportEdit, use: save)
        routes.get(SiteURL.reportHistory, use: history)
        routes.get(SiteURL.reportCommentEdit, use: commentForm)
        routes.post(SiteURL.reportCommentEdit, use: saveComment)
    }

    struct EditForm: Content {
        var title: String?
        var summary: String?
        var narrative: String?
        var what_happened: String?
        var impact: String?
        var what_helped: String?

        var input: ReportActions.Input {
            ReportActions.Input(title: title, summary: summary, narrative: narrative, whatHappened: what_happened, impact: impact, whatHelped: what_helped)
        }
    }

    @Sendable func form(req: Request) async throws -> Response {
        let report = try await ReportController.ownReport(req)
        let form = EditForm(title: report.title, summary: report.summary, narrative: report.narrative, what_happened: report.whatHappened,
                            impact: report.impact, what_helped: report.whatHelped)
        return ReportEditView.form(try await req.pageContext(), report, form: form, errors: [:])
    }

    @Sendable func save(req: Request) async throws -> Response {
        let report = try await ReportController.ownReport(req)
        let person = try req.requirePerson()
        let form = try req.content.decode(EditForm.self)
        do {
            try await ReportEdits.edit(report, form.input, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.report(try report.requireID()).path, flash: "flash.report-edited")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return ReportEditView.form(ctx, report, form: form, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func history(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let scope = try await ReportScope.of(person, req)
        let report = try await scope.report(req.parameters.get(.reportID, as: UUID.self), on: req.db, req)
        let reportID = try report.requireID()
        let revisions = try await ReportRevision.query(on: req.db).filter(\.$report.$id == reportID).sort(\.$createdAt, .descending).with(\.$editor).all()
        let comments = try await ReportComment.query(on: req.db).filter(\.$report.$id == reportID).all().compactMap(\.id)
        let commentRevisions = comments.isEmpty ? [] : try await CommentRevision.query(on: req.db).filter(\.$comment.$id ~~ comments)
            .sort(\.$createdAt, .descending).with(\.$editor).all()
        // Editors are named only where the report names its author: an anonymous author's edits stay anonymous.
        let named = scope.canSeeAuthor(report)
        return ReportEditView.history(try await req.pageContext(), report, revisions: revisions, comments: commentRevisions, namesEditors: named)
    }

    static func comment(_ req: Request) async throws -> (ThreatReport, ReportComment, CommunityStanding, SignedIn) {
        let person = try req.requirePerson()
        let scope = try await ReportScope.of(person, req)
        let report = try await scope.report(req.parameters.get(.reportID, as: UUID.self), on: req.db, req)
        guard let id = req.parameters.get(.commentID, as: UUID.self),
              let comment = try await ReportComment.query(on: req.db).filter(\.$id == id).filter(\.$report.$id == (try report.requireID())).first()
        else { throw Abort(.notFound, reason: req.t("report.error.no-such-comment")) }
        return (report, comment, try await CommunityStandings.standing(of: person, in: report.community, on: req.db), person)
    }

    struct CommentForm: Content { var body: String? }

    @Sendable func commentForm(req: Request) async throws -> Response {
        let (report, comment, standing, person) = try await Self.comment(req)
        guard ReportEdits.canEditComment(authorID: comment.$author.id, viewerID: person.personID, standing: standing) else {
            throw Abort(.forbidden, reason: req.t("report.error.comment-edit-who"))
        }
        return ReportEditView.commentForm(try await req.pageContext(), report, comment, body: comment.body, error: nil)
    }

    @Sendable func saveComment(req: Request) async throws -> Response {
        let (report, comment, standing, person) = try await Self.comment(req)
        let body = try req.content.decode(CommentForm.self).body
        do {
            try await ReportEdits.editComment(comment, body: body, by: person, standing: standing, ctx: ActionContext(req))
            return req.seeOther(SiteURL.report(try report.requireID()).path + "#comments", flash: "flash.comment-edited")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return ReportEditView.commentForm(ctx, report, comment, body: body ?? "", error: failure.messages(ctx.localiser)["body"],
                                              status: .unprocessableEntity)
        }
    }
}

enum ReportEditView {
    static func form(_ ctx: PageContext, _ report: ThreatReport, form: ReportEditController.EditForm, errors: [String: String],
                     status: HTTPStatus = .ok) -> Response {
        let id = report.id ?? UUID()
        return Layout.page(ctx, title: ctx.t("report.edit.title"), status: status, content: [
            .p(.a(.href(SiteURL.report(id).path), .text(ctx.t("report.back", ["title": report.title])))),
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

    static func history(_ ctx: PageContext, _ report: ThreatReport, revisions: [ReportRevision], comments: [CommentRevision],
                        namesEditors: Bool) -> Response {
        let id = report.id ?? UUID()
        func editor(_ person: Person, _ authorID: UUID) -> String {
            person.id == authorID && !namesEditors ? ctx.t("report.anonymous") : person.displayName
        }
        return Layout.page(ctx, title: ctx.t("report.history.title", ["title": report.title]), content: [
            .p(.a(.href(SiteURL.report(id).path), .text(ctx.t("report.back", ["title": report.title])))),
            .p(.text(ctx.t("report.history.intro"))),
            .if(revisions.isEmpty && comments.isEmpty, .p(.class("empty"), .text(ctx.t("report.history.empty")))),
            .forEach(revisions) { r in
                .article(.class("revision"),
                    .p(.class("byline"), .text(ctx.t("report.history.before", ["editor": editor(r.editor, report.$author.id)]) + " · "), Format.time(r.createdAt)),
                    .p(.strong(.text(r.title))), .p(.text(r.summary)),
                    .if(!r.narrative.isEmpty, Markdown.node(r.narrative)))
            },
            .if(!comments.isEmpty, .h2(.text(ctx.t("report.history.comments")))),
            .forEach(comments) { c in
                .article(.class("revision"),
                    .p(.class("byline"), .text(ctx.t("report.history.comment-before", ["editor": c.editor.displayName]) + " · "), Format.time(c.createdAt)),
                    Markdown.node(c.body))
            },
        ])
    }

    static func commentForm(_ ctx: PageContext, _ report: ThreatReport, _ comment: ReportComment, body: String, error: String?,
                            status: HTTPStatus = .ok) -> Response {
        let reportID = report.id ?? UUID()
        return Layout.page(ctx, title: ctx.t("report.comment-edit.title"), status: status, content: [
            .p(.a(.href(SiteURL.report(reportID).path), .text(ctx.t("report.back", ["title": report.title])))),
            .form(.method(.post), .action(SiteURL.reportCommentEdit(reportID, comment.id ?? UUID()).path),
                Forms.csrf(ctx),
                Forms.textarea("body", label: ctx.t("report.comment"), value: body, error: error, rows: 5),
                Forms.submit(ctx.t("report.edit.save"))),
        ])
    }
}
