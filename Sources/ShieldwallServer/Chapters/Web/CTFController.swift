import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A public capture-the-flag: challenges, joining, flags, hints and the scoreboard.
struct CTFController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.chapterCTF, use: show)
        routes.post(SiteURL.chapterCTFJoin, use: join)
        routes.post(SiteURL.chapterCTFFlag, use: flag)
        routes.post(SiteURL.chapterCTFHint, use: hint)
        routes.post(SiteURL.chapterCTFTeam, use: team)
    }

    struct FlagForm: Content { var challenge: String?; var flag: String? }
    struct HintForm: Content { var hint: String? }
    struct JoinForm: Content { var handle: String? }
    struct TeamForm: Content { var team: String? }

    private func load(_ req: Request) async throws -> (ChapterScope.Chapter, CommunityEvent, CTFPlayer?) {
        let chapter = try await ChapterScope.publicChapter(req)
        let (event, _) = try await ChapterScope.publicEvent(req, in: chapter)
        guard event.kind == .ctf else { throw Refusal(.notFound, "chapters.error.event-not-found") }
        return (chapter, event, try await ChapterScope.player(req, event: event))
    }

    private func page(_ req: Request, _ chapter: ChapterScope.Chapter, _ event: CommunityEvent, _ player: CTFPlayer?) async throws -> CTFPage {
        let canJoin = chapter.standing.map(CommunityAccess.canParticipate) == true
        return try await CTFPage.build(chapter, event, player: player, canJoin: canJoin, on: req.db, now: req.now)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (chapter, event, player) = try await load(req)
        return CTFView.page(try await req.pageContext(), try await page(req, chapter, event, player))
    }

    @Sendable func join(req: Request) async throws -> Response {
        let (chapter, event, player) = try await load(req)
        let person = try req.requirePerson()
        try req.require(chapter.standing.map(CommunityAccess.canParticipate) == true)
        guard player == nil else { return req.seeOther(SiteURL.chapterCTF(chapter.community.slug, try event.requireID()).path) }
        do {
            _ = try await CTFActions.join(event, handle: try req.content.decode(JoinForm.self).handle, person: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.chapterCTF(chapter.community.slug, try event.requireID()).path, flash: "flash.ctf-joined")
        } catch let failure as ValidationFailure {
            var p = try await page(req, chapter, event, nil)
            p.errors = failure.messages(req.localiser)
            return CTFView.page(try await req.pageContext(), p, status: .unprocessableEntity)
        }
    }

    @Sendable func flag(req: Request) async throws -> Response {
        let (chapter, event, player) = try await load(req)
        guard let player else { throw Refusal(.forbidden, "chapters.error.not-a-player") }
        let form = try req.content.decode(FlagForm.self)
        guard let id = form.challenge.flatMap({ UUID(uuidString: $0) }), let challenge = try await CTFChallenge.query(on: req.db).filter(\.$id == id)
            .filter(\.$event.$id == event.requireID()).first()
        else { throw ValidationFailure(field: "challenge", key: "chapters.error.challenge-not-found") }
        let path = SiteURL.chapterCTF(chapter.community.slug, try event.requireID()).path
        do {
            let correct = try await CTFActions.submit(form.flag, for: challenge, in: event, player: player, ctx: ActionContext(req))
            return req.seeOther(path + "#challenge-\(id.uuidString)", flash: correct ? "flash.flag-right" : "flash.flag-wrong")
        } catch let failure as ValidationFailure {
            var p = try await page(req, chapter, event, player)
            p.errors = failure.messages(req.localiser)
            return CTFView.page(try await req.pageContext(), p, status: .unprocessableEntity)
        }
    }

    @Sendable func hint(req: Request) async throws -> Response {
        let (chapter, event, player) = try await load(req)
        guard let player else { throw Refusal(.forbidden, "chapters.error.not-a-player") }
        guard let id = try req.content.decode(HintForm.self).hint.flatMap({ UUID(uuidString: $0) }),
              let hint = try await CTFHint.query(on: req.db).join(CTFChallenge.self, on: \CTFHint.$challenge.$id == \CTFChallenge.$id)
                .filter(\.$id == id).filter(CTFChallenge.self, \.$event.$id == event.requireID()).first()
        else { throw ValidationFailure(field: "hint", key: "chapters.error.hint-not-found") }
        try await CTFActions.unlock(hint, in: event, player: player, ctx: ActionContext(req))
        return req.seeOther(SiteURL.chapterCTF(chapter.community.slug, try event.requireID()).path + "#challenge-\(hint.$challenge.id.uuidString)")
    }

    @Sendable func team(req: Request) async throws -> Response {
        let (chapter, event, player) = try await load(req)
        guard let player else { throw Refusal(.forbidden, "chapters.error.not-a-player") }
        let form = try req.content.decode(TeamForm.self)
        do {
            try await CTFActions.setTeam(form.team, player: player, in: event, ctx: ActionContext(req))
            return req.seeOther(SiteURL.chapterCTF(chapter.community.slug, try event.requireID()).path, flash: "flash.ctf-team-saved")
        } catch let failure as ValidationFailure {
            var p = try await page(req, chapter, event, player)
            p.errors = failure.messages(req.localiser)
            return CTFView.page(try await req.pageContext(), p, status: .unprocessableEntity)
        }
    }
}
