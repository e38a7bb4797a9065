import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A chapter's public side, for everyone: its page, its public events with registration, and their `.ics`.
struct ChapterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.chapter, use: show)
        routes.get(SiteURL.chapterEvent, use: event)
        routes.post(SiteURL.chapterEvent, use: register)
        routes.get(SiteURL.chapterEventICS, use: ics)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let chapter = try await ChapterScope.publicChapter(req)
        return ChapterPublicView.page(try await req.pageContext(), try await ChapterPublicPage.build(chapter, on: req.db, now: req.now))
    }

    @Sendable func event(req: Request) async throws -> Response {
        let chapter = try await ChapterScope.publicChapter(req)
        let (event, listing) = try await ChapterScope.publicEvent(req, in: chapter)
        return PublicEventView.page(try await req.pageContext(), try await PublicEventPage.build(chapter, event, listing, on: req.db, now: req.now))
    }

    @Sendable func register(req: Request) async throws -> Response {
        let chapter = try await ChapterScope.publicChapter(req)
        let (event, listing) = try await ChapterScope.publicEvent(req, in: chapter)
        guard ChapterAccess.canRegister(published: chapter.published, eventPublic: true) else { throw Refusal(.notFound, "chapters.error.event-not-found") }
        let form = try req.content.decode(RegistrationActions.Form.self)
        do {
            try await RegistrationActions.register(form, for: event, in: chapter.community, language: req.localiser.language, ctx: ActionContext(req))
            return req.seeOther(SiteURL.chapterEvent(chapter.community.slug, try event.requireID()).path, flash: "flash.registration-check-mail")
        } catch let failure as ValidationFailure {
            var page = try await PublicEventPage.build(chapter, event, listing, on: req.db, now: req.now)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return PublicEventView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func ics(req: Request) async throws -> Response {
        let chapter = try await ChapterScope.publicChapter(req)
        let (event, _) = try await ChapterScope.publicEvent(req, in: chapter)
        let base = req.shieldwall.configuration.baseURL
        var entry = try EventActions.icsEvent(event, community: chapter.community, baseURL: base)
        entry.url = base + SiteURL.chapterEvent(chapter.community.slug, try event.requireID()).path
        return EventController.calendarResponse(ICalendar(name: chapter.community.name, events: [entry]).render(now: req.now),
                                                filename: "\(chapter.community.slug)-event.ics")
    }
}
