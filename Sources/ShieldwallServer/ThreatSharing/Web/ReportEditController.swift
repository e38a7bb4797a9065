import Fluent
import Foundation
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

    @Sendable func form(req: Request) async throws -> Response {
        let report = try await ReportController.ownReport(req)
        return ReportEditView.form(try await req.pageContext(), try ReportEditPage(report, form: ReportEditForm(report)))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let report = try await ReportController.ownReport(req)
        let person = try req.requirePerson()
        let form = try req.content.decode(ReportEditForm.self)
        do {
            try await ReportEdits.edit(report, form.input, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.report(try report.requireID()).path, flash: "flash.report-edited")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return ReportEditView.form(ctx, try ReportEditPage(report, form: form, errors: failure.messages(ctx.localiser)), status: .unprocessableEntity)
        }
    }

    @Sendable func history(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let scope = try await ReportScope.of(person, req)
        let report = try await scope.report(req.parameters.get(.reportID, as: UUID.self), on: req.db, req)
        let ctx = try await req.pageContext()
        return ReportEditView.history(ctx, try await ReportHistoryPage.build(report, scope: scope, anonymousName: ctx.t("report.anonymous"), on: req.db))
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
        let page = CommentEditPage(reportID: try report.requireID(), reportTitle: report.title, commentID: try comment.requireID(), body: comment.body,
                                   error: nil)
        return ReportEditView.commentForm(try await req.pageContext(), page)
    }

    @Sendable func saveComment(req: Request) async throws -> Response {
        let (report, comment, standing, person) = try await Self.comment(req)
        let body = try req.content.decode(CommentForm.self).body
        do {
            try await ReportEdits.editComment(comment, body: body, by: person, standing: standing, ctx: ActionContext(req))
            return req.seeOther(SiteURL.report(try report.requireID()).path + "#comments", flash: "flash.comment-edited")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let page = CommentEditPage(reportID: try report.requireID(), reportTitle: report.title, commentID: try comment.requireID(),
                                       body: body ?? "", error: failure.messages(ctx.localiser)["body"])
            return ReportEditView.commentForm(ctx, page, status: .unprocessableEntity)
        }
    }
}
