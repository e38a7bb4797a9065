import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The talent pool (its own profile for everyone in the chapter; the pool for member firms) and openings.
struct TalentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityTalent, use: show)
        routes.post(SiteURL.communityTalentProfile, use: saveProfile)
        routes.post(SiteURL.communityTalentWithdraw, use: withdraw)
        routes.post(SiteURL.communityTalentOpenings, use: post)
        routes.post(SiteURL.communityTalentOpeningClose, use: close)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        return TalentView.page(try await req.pageContext(), try await TalentPage.build(chapter, person: person, on: req.db, now: req.now))
    }

    @Sendable func saveProfile(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        let form = try req.content.decode(TalentActions.ProfileForm.self)
        do {
            try await TalentActions.saveProfile(form, in: chapter.id, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityTalent(chapter.community.slug).path, flash: "flash.talent-profile-saved")
        } catch let failure as ValidationFailure {
            var page = try await TalentPage.build(chapter, person: person, on: req.db, now: req.now)
            page.profileForm = form
            page.errors = failure.messages(req.localiser)
            return TalentView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        try await TalentActions.withdraw(in: chapter.id, by: person, on: req.db)
        return req.seeOther(SiteURL.communityTalent(chapter.community.slug).path, flash: "flash.talent-profile-withdrawn")
    }

    @Sendable func post(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        let form = try req.content.decode(TalentActions.OpeningForm.self)
        do {
            try await TalentActions.postOpening(form, in: chapter.id, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityTalent(chapter.community.slug).path, flash: "flash.opening-posted")
        } catch let failure as ValidationFailure {
            var page = try await TalentPage.build(chapter, person: person, on: req.db, now: req.now)
            page.openingForm = form
            page.errors = failure.messages(req.localiser)
            return TalentView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func close(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        guard let id = req.parameters.get(.openingID, as: UUID.self) else { throw Refusal(.notFound, "chapters.error.opening-not-found") }
        try await TalentActions.close(id, in: chapter.id, by: person, on: req.db)
        return req.seeOther(SiteURL.communityTalent(chapter.community.slug).path, flash: "flash.opening-closed")
    }
}
