import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Mentoring in a chapter (its people): offers, requests, pairing, and each pair's own page.
struct MentoringController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityMentoring, use: show)
        routes.post(SiteURL.communityMentoringOffer, use: offer)
        routes.post(SiteURL.communityMentoringRequest, use: ask)
        routes.post(SiteURL.communityMentoringRequestWithdraw, use: withdrawRequest)
        routes.post(SiteURL.communityMentoringPairs, use: pair)
        routes.get(SiteURL.mentorship, use: showPair)
        routes.post(SiteURL.mentorshipMeetings, use: meeting)
        routes.post(SiteURL.mentorshipEnd, use: end)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        return MentoringView.page(try await req.pageContext(), try await MentoringPage.build(chapter, person: person, on: req.db))
    }

    private func act(_ req: Request, flash: String, _ action: (ChapterScope.Chapter, SignedIn) async throws -> Void) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        do {
            try await action(chapter, person)
            return req.seeOther(SiteURL.communityMentoring(chapter.community.slug).path, flash: flash)
        } catch let failure as ValidationFailure {
            var page = try await MentoringPage.build(chapter, person: person, on: req.db)
            page.errors = failure.messages(req.localiser)
            return MentoringView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func offer(req: Request) async throws -> Response {
        try await act(req, flash: "flash.mentor-offer-saved") { chapter, person in
            try await MentoringActions.offer(try req.content.decode(MentoringActions.OfferForm.self), in: chapter.id, by: person, ctx: ActionContext(req))
        }
    }

    @Sendable func ask(req: Request) async throws -> Response {
        try await act(req, flash: "flash.mentor-asked") { chapter, person in
            try await MentoringActions.ask(try req.content.decode(MentoringActions.RequestForm.self), in: chapter.id, by: person, ctx: ActionContext(req))
        }
    }

    @Sendable func withdrawRequest(req: Request) async throws -> Response {
        try await act(req, flash: "flash.mentor-request-withdrawn") { chapter, person in
            try await MentoringActions.withdrawRequest(in: chapter.id, by: person, on: req.db)
        }
    }

    @Sendable func pair(req: Request) async throws -> Response {
        try await act(req, flash: "flash.mentorship-started") { chapter, person in
            _ = try await MentoringActions.pair(try req.content.decode(MentoringActions.PairForm.self), in: chapter, by: person, ctx: ActionContext(req))
        }
    }

    @Sendable func showPair(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        let pair = try await MentoringActions.mentorship(req, chapter: chapter, person: person)
        return MentoringView.pair(try await req.pageContext(), try await MentorshipPage.build(chapter, pair, on: req.db))
    }

    @Sendable func meeting(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        let pair = try await MentoringActions.mentorship(req, chapter: chapter, person: person)
        let form = try req.content.decode(MentoringActions.MeetingForm.self)
        do {
            try await MentoringActions.recordMeeting(form, in: pair, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.mentorship(chapter.community.slug, try pair.requireID()).path, flash: "flash.meeting-recorded")
        } catch let failure as ValidationFailure {
            var page = try await MentorshipPage.build(chapter, pair, on: req.db)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return MentoringView.pair(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func end(req: Request) async throws -> Response {
        let (chapter, person) = try await ChapterScope.inside(req)
        let pair = try await MentoringActions.mentorship(req, chapter: chapter, person: person)
        try await MentoringActions.end(pair, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.communityMentoring(chapter.community.slug).path, flash: "flash.mentorship-ended")
    }
}
