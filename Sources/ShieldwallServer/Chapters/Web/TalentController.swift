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

    /// Runs a form's action; a refusal shows the page again with the form as typed and what is wrong.
    private func act<Form: Content>(_ req: Request, _ type: Form.Type, flash: String, keep: (inout TalentPage, Form) -> Void,
                                    _ action: (Form, ChapterScope.Chapter, SignedIn) async throws -> Void) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        let form = try req.content.decode(Form.self)
        do {
            try await action(form, chapter, person)
            return req.seeOther(SiteURL.communityTalent(chapter.community.slug).path, flash: flash)
        } catch let failure as ValidationFailure {
            var page = try await TalentPage.build(chapter, person: person, on: req.db, now: req.now)
            keep(&page, form)
            page.errors = failure.messages(req.localiser)
            return TalentView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func saveProfile(req: Request) async throws -> Response {
        try await act(req, TalentActions.ProfileForm.self, flash: "flash.talent-profile-saved", keep: { $0.profileForm = $1 }) { form, chapter, person in
            try await TalentActions.saveProfile(form, in: chapter.id, by: person, ctx: ActionContext(req))
        }
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        try await TalentActions.withdraw(in: chapter.id, by: person, on: req.db)
        return req.seeOther(SiteURL.communityTalent(chapter.community.slug).path, flash: "flash.talent-profile-withdrawn")
    }

    @Sendable func post(req: Request) async throws -> Response {
        try await act(req, TalentActions.OpeningForm.self, flash: "flash.opening-posted", keep: { $0.openingForm = $1 }) { form, chapter, person in
            try await TalentActions.postOpening(form, in: chapter.id, by: person, ctx: ActionContext(req))
        }
    }

    @Sendable func close(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        guard let id = req.parameters.get(.openingID, as: UUID.self) else { throw Refusal(.notFound, "chapters.error.opening-not-found") }
        try await TalentActions.close(id, in: chapter.id, by: person, on: req.db)
        return req.seeOther(SiteURL.communityTalent(chapter.community.slug).path, flash: "flash.opening-closed")
    }
}
