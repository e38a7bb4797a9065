import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Guided labs in a chapter: the list, writing one (facilitator, experts), taking one step by step, withdrawing.
struct LabController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityLabs, use: list)
        routes.post(SiteURL.communityLabs, use: create)
        routes.get(SiteURL.communityLab, use: show)
        routes.post(SiteURL.communityLabStep, use: step)
        routes.post(SiteURL.communityLabWithdraw, use: withdraw)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        return LabView.list(try await req.pageContext(), try await LabsPage.build(chapter, person: person, on: req.db))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        guard ChapterAccess.canWriteLabs(chapter.standing) else { throw Refusal(.forbidden, "chapters.error.lab-authors-only") }
        let form = try req.content.decode(LabActions.LabForm.self)
        do {
            let lab = try await LabActions.create(form, in: chapter.id, by: person.personID, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityLab(chapter.community.slug, try lab.requireID()).path, flash: "flash.lab-published")
        } catch let failure as ValidationFailure {
            var page = try await LabsPage.build(chapter, person: person, on: req.db)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return LabView.list(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        let lab = try await LabActions.lab(req, in: chapter.id)
        return LabView.lab(try await req.pageContext(), try await LabPage.build(chapter, lab, person: person, on: req.db))
    }

    @Sendable func step(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        guard chapter.standing.map(CommunityAccess.canParticipate) == true else { throw Refusal(.forbidden, "chapters.error.lab-read-only") }
        let lab = try await LabActions.lab(req, in: chapter.id)
        let form = try req.content.decode(LabActions.StepForm.self)
        let path = SiteURL.communityLab(chapter.community.slug, try lab.requireID()).path
        do {
            try await LabActions.complete(form, in: lab, by: person, ctx: ActionContext(req))
            return req.seeOther(path + "#current", flash: "flash.lab-step-done")
        } catch let failure as ValidationFailure {
            var page = try await LabPage.build(chapter, lab, person: person, on: req.db)
            page.answer = form.answer ?? ""
            page.errors = failure.messages(req.localiser)
            return LabView.lab(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        let lab = try await LabActions.lab(req, in: chapter.id)
        try await LabActions.withdraw(lab, in: chapter, by: person, on: req.db)
        return req.seeOther(SiteURL.communityLabs(chapter.community.slug).path, flash: "flash.lab-withdrawn")
    }
}
