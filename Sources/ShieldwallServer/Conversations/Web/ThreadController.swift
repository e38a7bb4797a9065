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

    struct ThreadForm: Content {
        var kind: String?
        var title: String?
        var body: String?
        var tags: String?
        var poll: String?
        var poll_question: String?
        var poll_options: String?
        var poll_multiple: String?
        var poll_closes: String?

        var input: ConversationActions.ThreadInput {
            let poll = self.poll == "true" ? PollActions.Input(question: poll_question, options: poll_options, multiple: poll_multiple == "true",
                                                                closesInDays: Int(poll_closes ?? "7") ?? 0) : nil
            return ConversationActions.ThreadInput(kind: kind, title: title, body: body, tags: tags, poll: poll)
        }
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let scope = try await ConversationScope.of(person, on: req.db)
        var query = scope.threads(on: req.db).filter(\.$community.$id == (try community.requireID()))
        let kind = req.query[String.self, at: "kind"].flatMap(ThreadKind.init(rawValue:))
        let tag = Tags.filter(req.query[String.self, at: "tag"])
        let unanswered = req.query[String.self, at: "unanswered"] == "true"
        if let kind { query = query.filter(\.$kind == kind) }
        if !tag.isEmpty { query = query.filter(\.$tags ~~ ",\(tag),") }
        if unanswered {
            query = query.unansweredQuestions()
        }
        let threads = try await query.sort(\.$pinned, .descending).sort(\.$lastActivityAt, .descending).limit(200).with(\.$author).all()
        return DiscussionView.list(try await req.pageContext(), try CommunityCard(community), threads: threads.map(ThreadRow.init),
                                   filter: (kind?.rawValue ?? "", tag, unanswered), canStart: CommunityAccess.canParticipate(standing),
                                   isExpert: ConversationAccess.isExpertAnswer(standing.role))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let kind = req.query[String.self, at: "kind"].flatMap(ThreadKind.init(rawValue:)) ?? .question
        return DiscussionView.form(try await req.pageContext(), try CommunityCard(community), form: ThreadForm(kind: kind.rawValue),
                                   kinds: Self.kinds(standing), errors: [:])
    }

    static func kinds(_ standing: CommunityStanding) -> [ThreadKind] { ThreadKind.allCases.filter { ConversationAccess.canStart($0, standing) } }

    @Sendable func create(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let form = try req.content.decode(ThreadForm.self)
        do {
            let thread = try await ConversationActions.start(form.input, in: community, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.thread(try thread.requireID()).path, flash: "flash.thread-started")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return DiscussionView.form(ctx, try CommunityCard(community), form: form, kinds: Self.kinds(standing),
                                       errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let scope = try await ConversationScope.of(person, on: req.db)
        let thread = try await scope.thread(req.parameters.get(.threadID, as: UUID.self), on: req.db, req)
        let page = try await ThreadPage.build(thread, person: person, quote: req.query[UUID.self, at: "quote"], req: req)
        // Reading the thread reads what the bell said about it.
        try await PersonNotification.query(on: req.db).filter(\.$person.$id == person.personID).filter(\.$thread.$id == (try thread.requireID()))
            .filter(\.$readAt == nil).set(\.$readAt, to: req.now).update()
        return ThreadView.show(try await req.pageContext(), page, errors: [:])
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
            var page = try await ThreadPage.build(thread, person: person, quote: nil, req: req)
            page.draft = body ?? ""
            return ThreadView.show(ctx, page, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }
}

/// One line of a community's discussion list.
struct ThreadRow: Sendable {
    let id: UUID
    let kind: ThreadKind
    let title: String
    let author: String
    let tags: [String]
    let replies: Int
    let pinned: Bool
    let locked: Bool
    let answered: Bool
    let lastActivity: Date

    init(_ t: ConversationThread) {
        id = t.id ?? UUID(); kind = t.kind; title = t.title; author = t.author.displayName; tags = t.tagList
        replies = t.replyCount; pinned = t.pinned; locked = t.locked; answered = t.isAnswered; lastActivity = t.lastActivityAt
    }
}
