import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's run of a playbook: ticking steps, closing it, sharing the lesson. Only the firm's own people reach it.
struct PlaybookRunController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.playbookRun, use: show)
        routes.post(SiteURL.playbookRunStep, use: tick)
        routes.post(SiteURL.playbookRunClose, use: close)
        routes.post(SiteURL.playbookRunReport, use: share)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let run = try await PlaybookScope.run(req, person: try req.requirePerson())
        return PlaybookRunView.show(try await req.pageContext(), try await PlaybookRunPage.build(run, on: req.db))
    }

    static func refused(_ req: Request, _ run: PlaybookRun, _ failure: ValidationFailure, field: String? = nil,
                        lesson: PlaybookLessonForm? = nil) async throws -> Response {
        var page = try await PlaybookRunPage.build(run, on: req.db)
        var errors = failure.messages(req.localiser)
        if let field, let note = errors.removeValue(forKey: "note") { errors[field] = note }
        page.errors = errors
        if let lesson { page.lesson = lesson }
        return PlaybookRunView.show(try await req.pageContext(), page, status: .unprocessableEntity)
    }

    struct TickForm: Content { var note: String? }

    @Sendable func tick(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let run = try await PlaybookScope.run(req, person: person)
        let step = req.parameters.get(.stepID) ?? ""
        do {
            try await PlaybookActions.tick(run, step: step, note: try req.content.decode(TickForm.self).note, by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            return try await Self.refused(req, run, failure, field: "note-\(step)")
        }
        return req.seeOther(SiteURL.playbookRun(try run.requireID()).path + "#step-\(step)")
    }

    struct CloseForm: Content { var summary: String? }

    @Sendable func close(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let run = try await PlaybookScope.run(req, person: person)
        do {
            try await PlaybookActions.close(run, summary: try req.content.decode(CloseForm.self).summary, by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            return try await Self.refused(req, run, failure)
        }
        return req.seeOther(SiteURL.playbookRun(try run.requireID()).path + "#lesson", flash: "flash.playbook-run-closed")
    }

    @Sendable func share(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let run = try await PlaybookScope.run(req, person: person)
        let form = try req.content.decode(PlaybookLessonForm.self)
        do {
            let reportID = try await PlaybookActions.share(run, lesson: form.draft, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.report(reportID).path, flash: "flash.playbook-lesson-shared")
        } catch let failure as ValidationFailure {
            return try await Self.refused(req, run, failure, lesson: form)
        }
    }
}
