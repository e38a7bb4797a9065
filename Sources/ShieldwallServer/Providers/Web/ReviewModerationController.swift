import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What happens to a review after it is written: the provider's answer, a report, the operator's decision.
struct ReviewModerationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.reviewAnswer, use: answer)
        routes.post(SiteURL.reviewReport, use: report)
        routes.get(SiteURL.reviewReports, use: queue)
        routes.post(SiteURL.reviewModeration, use: decide)
    }

    @Sendable func answer(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let review = try await ProviderScope.loadReview(req, person: person)
        let form = try req.content.decode(AnswerForm.self)
        do {
            _ = try await AnswerActions.answer(review, text: form.answer, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.provider(review.$provider.id).path + "#review-\(try review.requireID().uuidString.lowercased())",
                                flash: "flash.answer-saved")
        } catch let failure as ValidationFailure {
            return try await providerPage(req, review, person: person, failure: failure)
        }
    }

    @Sendable func report(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let review = try await ProviderScope.loadReview(req, person: person)
        let form = try req.content.decode(ReviewReportForm.self)
        do {
            try await ModerationActions.report(review, reason: form.reason, note: form.note, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.provider(review.$provider.id).path, flash: "flash.review-reported")
        } catch let failure as ValidationFailure {
            return try await providerPage(req, review, person: person, failure: failure)
        }
    }

    @Sendable func queue(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard ProviderAccess.canModerate(person.viewer) else { throw Abort(.forbidden, reason: req.t("error.operators-only")) }
        return ReviewReportsView.page(try await req.pageContext(), try await ReviewReportsPage.build(on: req.db))
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard ProviderAccess.canModerate(person.viewer) else { throw Abort(.forbidden, reason: req.t("error.operators-only")) }
        let review = try await ProviderScope.loadReview(req, person: person)
        let form = try req.content.decode(ModerationForm.self)
        try await ModerationActions.decide(review, decision: form.decision, reason: form.reason, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.reviewReports.path, flash: "flash.moderation-saved")
    }

    /// The provider's page again with the problems of a form sent from it.
    private func providerPage(_ req: Request, _ review: ProviderReview, person: SignedIn, failure: ValidationFailure) async throws -> Response {
        let curator = try await ProviderScope.canCurate(person, on: req.db)
        var page = try await ProviderPage.build(review.provider, person: person, curator: curator, on: req.db, now: req.now)
        page.errors = failure.messages(req.localiser)
        return ProvidersView.provider(try await req.pageContext(), page, status: .unprocessableEntity)
    }
}
