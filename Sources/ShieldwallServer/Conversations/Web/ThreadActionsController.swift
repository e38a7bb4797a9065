import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// One-button actions on a thread: accept an answer, "helpful", pin/lock, report to the facilitator, vote, close a poll.
struct ThreadActionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.threadAccept, use: accept)
        routes.post(SiteURL.threadModerate, use: moderate)
        routes.post(SiteURL.threadFlag, use: flag)
        routes.post(SiteURL.threadPollVote, use: vote)
        routes.post(SiteURL.threadPollClose, use: closePoll)
        routes.post(SiteURL.postHelpful, use: helpful)
    }

    /// A refused form comes back as the thread page with the reason, so nothing typed is lost.
    static func answer(_ req: Request, _ thread: ConversationThread, flash: String, anchor: String = "",
                       _ action: () async throws -> Void) async throws -> Response {
        let path = SiteURL.thread(try thread.requireID()).path
        do {
            try await action()
            return req.seeOther(path + anchor, flash: flash)
        } catch let failure as ValidationFailure {
            let person = try req.requirePerson()
            let ctx = try await req.pageContext()
            var page = try await ThreadPage.build(thread, person: person, quote: nil, on: req.db, now: req.now)
            page.errors = failure.messages(ctx.localiser)
            return ThreadView.show(ctx, page, status: .unprocessableEntity)
        }
    }

    struct AcceptForm: Content { var post: String? }

    @Sendable func accept(req: Request) async throws -> Response {
        let (thread, standing, person) = try await ThreadEditController.load(req)
        let raw = try req.content.decode(AcceptForm.self).post ?? ""
        let postID = raw.isEmpty ? nil : UUID(uuidString: raw)
        return try await Self.answer(req, thread, flash: postID == nil ? "flash.answer-unaccepted" : "flash.answer-accepted") {
            if !raw.isEmpty && postID == nil { throw ValidationFailure(field: "post", key: "thread.error.no-such-reply") }
            try await ConversationActions.accept(postID, in: thread, standing: standing, by: person, ctx: ActionContext(req))
        }
    }

    struct ModerateForm: Content { var pinned: String?; var locked: String? }

    @Sendable func moderate(req: Request) async throws -> Response {
        let (thread, standing, _) = try await ThreadEditController.load(req)
        guard ConversationAccess.canModerate(standing) else { throw Abort(.forbidden, reason: req.t("error.facilitators-only")) }
        let form = try req.content.decode(ModerateForm.self)
        try await ConversationActions.moderate(thread, pinned: form.pinned.map { $0 == "true" }, locked: form.locked.map { $0 == "true" },
                                               standing: standing, ctx: ActionContext(req))
        return req.seeOther(SiteURL.thread(try thread.requireID()).path, flash: "flash.thread-moderated")
    }

    struct FlagForm: Content { var post: String?; var reason: String? }

    @Sendable func flag(req: Request) async throws -> Response {
        let (thread, standing, person) = try await ThreadEditController.load(req)
        let form = try req.content.decode(FlagForm.self)
        let raw = form.post ?? ""
        return try await Self.answer(req, thread, flash: "flash.flag-sent") {
            if !raw.isEmpty && UUID(uuidString: raw) == nil { throw ValidationFailure(field: "post", key: "thread.error.no-such-reply") }
            try await ConversationActions.flag(thread, post: UUID(uuidString: raw), reason: form.reason, standing: standing, by: person,
                                               ctx: ActionContext(req))
        }
    }

    struct VoteForm: Content { var choices: [String]? }

    @Sendable func vote(req: Request) async throws -> Response {
        let (thread, standing, person) = try await ThreadEditController.load(req)
        let choices = (try? req.content.decode(VoteForm.self).choices) ?? []
        return try await Self.answer(req, thread, flash: "flash.vote-counted", anchor: "#poll") {
            try await PollActions.vote(in: thread, choices: choices, standing: standing, by: person, ctx: ActionContext(req))
        }
    }

    @Sendable func closePoll(req: Request) async throws -> Response {
        let (thread, standing, person) = try await ThreadEditController.load(req)
        try await PollActions.close(in: thread, standing: standing, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.thread(try thread.requireID()).path + "#poll", flash: "flash.poll-closed")
    }

    @Sendable func helpful(req: Request) async throws -> Response {
        let (post, thread, standing, person) = try await ThreadEditController.loadPost(req)
        return try await Self.answer(req, thread, flash: "flash.helpful-noted", anchor: "#post-\(try post.requireID())") {
            try await ConversationActions.toggleHelpful(post, standing: standing, by: person, ctx: ActionContext(req))
        }
    }
}
