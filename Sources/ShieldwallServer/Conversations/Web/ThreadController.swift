import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's discussions: the list, starting a thread (with an optional poll), the thread page and replies.
struct ThreadController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityDiscussions, use: list)
        routes.get(SiteURL.communityThreadNew, use: newForm)
        routes.post(SiteURL.communityThreadNew, use: create)
        routes.get(SiteURL.thread, use: show)
        routes.post(SiteURL.threadReplies, use: reply)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let filter = DiscussionListPage.Filter(kind: req.query[String.self, at: "kind"].flatMap(ThreadKind.init(rawValue:)),
                                               tag: Tags.filter(req.query[String.self, at: "tag"]),
                                               unanswered: req.query[String.self, at: "unanswered"] == "true")
        let page = try await DiscussionListPage.build(community, standing: standing, scope: try await ConversationScope.of(person, req),
                                                      filter: filter, on: req.db)
        return DiscussionView.list(try await req.pageContext(), page)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let kind = req.query[String.self, at: "kind"].flatMap(ThreadKind.init(rawValue:)) ?? .question
        return DiscussionView.form(try await req.pageContext(), try NewThreadPage(community, standing: standing, form: ThreadForm(kind: kind.rawValue)))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let form = try req.content.decode(ThreadForm.self)
        do {
            let thread = try await ConversationActions.start(form.input, in: community, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.thread(try thread.requireID()).path, flash: "flash.thread-started")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return DiscussionView.form(ctx, try NewThreadPage(community, standing: standing, form: form, errors: failure.messages(ctx.localiser)),
                                       status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let scope = try await ConversationScope.of(person, req)
        let thread = try await scope.thread(req.parameters.get(.threadID, as: UUID.self), on: req.db, req)
        let page = try await ThreadPage.build(thread, person: person, quote: req.query[UUID.self, at: "quote"], on: req.db, now: req.now)
        // Reading the thread reads what the bell said about it.
        try await PersonNotification.query(on: req.db).filter(\.$person.$id == person.personID).filter(\.$thread.$id == (try thread.requireID()))
            .filter(\.$readAt == nil).set(\.$readAt, to: req.now).update()
        return ThreadView.show(try await req.pageContext(), page)
    }

    struct ReplyForm: Content { var body: String? }

    @Sendable func reply(req: Request) async throws -> Response {
        let (thread, standing, person) = try await ThreadEditController.load(req)
        let body = try req.content.decode(ReplyForm.self).body
        do {
            let post = try await ConversationActions.reply(to: thread, body: body, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.thread(try thread.requireID()).path + "#post-\(try post.requireID())", flash: "flash.reply-posted")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            var page = try await ThreadPage.build(thread, person: person, quote: nil, on: req.db, now: req.now)
            page.draft = body ?? ""
            page.errors = failure.messages(ctx.localiser)
            return ThreadView.show(ctx, page, status: .unprocessableEntity)
        }
    }
}
