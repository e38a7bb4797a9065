import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The facilitator's side of a chapter: the public page, which events are public, registrations, attendance and
/// a capture-the-flag's challenges.
struct ChapterSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityChapter, use: show)
        routes.post(SiteURL.communityChapter, use: savePage)
        routes.post(SiteURL.communityChapterListing, use: list)
        routes.get(SiteURL.communityChapterEvent, use: event)
        routes.post(SiteURL.communityChapterAttendance, use: attendance)
        routes.post(SiteURL.communityChapterChallenges, use: addChallenge)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (chapter, _) = try await ChapterScope.organised(req)
        return ChapterSettingsView.page(try await req.pageContext(), try await ChapterSettingsPage.build(chapter, on: req.db, now: req.now))
    }

    private func failed(_ req: Request, _ failure: ValidationFailure) async throws -> Response {
        let (chapter, _) = try await ChapterScope.organised(req)
        var page = try await ChapterSettingsPage.build(chapter, on: req.db, now: req.now)
        page.errors = failure.messages(req.localiser)
        return ChapterSettingsView.page(try await req.pageContext(), page, status: .unprocessableEntity)
    }

    @Sendable func savePage(req: Request) async throws -> Response {
        let (chapter, _) = try await ChapterScope.organised(req)
        do {
            try await ChapterActions.savePage(try req.content.decode(ChapterActions.PageForm.self), chapter: chapter, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityChapter(chapter.community.slug).path, flash: "flash.chapter-page-saved")
        } catch let failure as ValidationFailure { return try await failed(req, failure) }
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (chapter, _) = try await ChapterScope.organised(req)
        do {
            try await ChapterActions.list(try req.content.decode(ChapterActions.ListingForm.self), chapter: chapter, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityChapter(chapter.community.slug).path, flash: "flash.chapter-listing-saved")
        } catch let failure as ValidationFailure { return try await failed(req, failure) }
    }

    private func organisedEvent(_ req: Request) async throws -> (ChapterScope.Chapter, CommunityEvent) {
        let (chapter, _) = try await ChapterScope.organised(req)
        guard let id = req.parameters.get(.eventID, as: UUID.self),
              let event = try await CommunityEvent.query(on: req.db).filter(\.$id == id).filter(\.$community.$id == chapter.id).first()
        else { throw Refusal(.notFound, "chapters.error.event-not-found") }
        return (chapter, event)
    }

    @Sendable func event(req: Request) async throws -> Response {
        let (chapter, event) = try await organisedEvent(req)
        return ChapterEventAdminView.page(try await req.pageContext(), try await ChapterEventAdminPage.build(chapter, event, on: req.db, now: req.now))
    }

    @Sendable func attendance(req: Request) async throws -> Response {
        let (chapter, event) = try await organisedEvent(req)
        let attended = Set(((try? req.content.get([String].self, at: "attended")) ?? []).compactMap(UUID.init(uuidString:)))
        do {
            try await ChapterActions.attendance(attended, event: event, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityChapterEvent(chapter.community.slug, try event.requireID()).path, flash: "flash.attendance-saved")
        } catch let failure as ValidationFailure {
            var page = try await ChapterEventAdminPage.build(chapter, event, on: req.db, now: req.now)
            page.errors = failure.messages(req.localiser)
            return ChapterEventAdminView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func addChallenge(req: Request) async throws -> Response {
        let (chapter, event) = try await organisedEvent(req)
        let form = try req.content.decode(CTFActions.ChallengeForm.self)
        do {
            _ = try await CTFActions.addChallenge(form, to: event, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityChapterEvent(chapter.community.slug, try event.requireID()).path, flash: "flash.challenge-added")
        } catch let failure as ValidationFailure {
            var page = try await ChapterEventAdminPage.build(chapter, event, on: req.db, now: req.now)
            page.form = form
            page.form.flag = nil
            page.errors = failure.messages(req.localiser)
            return ChapterEventAdminView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }
}
