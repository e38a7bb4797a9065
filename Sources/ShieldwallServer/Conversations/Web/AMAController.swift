import Fluent
import Foundation
import Plot
import ShieldwallCore
import Vapor

/// An Ask-Me-Anything: its event collects questions beforehand, members vote them up ("me too"), the
/// experts answer them in their threads during and after the event, and the page stays as a record
/// (answered and still open, most wanted first).
struct AMAController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityEventQuestions, use: page)
        routes.post(SiteURL.communityEventQuestions, use: ask)
        routes.post(SiteURL.threadVote, use: vote)
    }

    struct Question: Sendable {
        let id: UUID
        let title: String
        let author: String
        let votes: Int
        let votedByMe: Bool
        let answered: Bool
        let replies: Int
    }

    struct AMAPage: Sendable {
        let card: CommunityCard
        let event: CommunityEvent
        let questions: [Question]
        let canAsk: Bool
    }

    /// The AMA event named by the path, in a community whose content the viewer may see; 404 for other kinds of event.
    static func load(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, CommunityEvent) {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let event = try await EventController.event(req, in: community)
        guard event.kind == .ama else { throw Abort(.notFound, reason: req.t("ama.not-an-ama")) }
        return (community, standing, person, event)
    }

    static func questions(of event: CommunityEvent, scope: ConversationScope, viewer: UUID, on db: any Database) async throws -> [Question] {
        let threads = try await scope.threads(on: db).filter(\.$event.$id == (try event.requireID())).with(\.$author).all()
        let ids = threads.compactMap(\.id)
        var counts: [UUID: Int] = [:]
        var mine = Set<UUID>()
        if !ids.isEmpty {
            for vote in try await ThreadVote.query(on: db).filter(\.$thread.$id ~~ ids).all() {
                counts[vote.$thread.id, default: 0] += 1
                if vote.$person.id == viewer { mine.insert(vote.$thread.id) }
            }
        }
        return threads.map { t in
            let id = t.id ?? UUID()
            return Question(id: id, title: t.title, author: t.author.displayName, votes: counts[id] ?? 0, votedByMe: mine.contains(id),
                            answered: t.isAnswered, replies: t.replyCount)
        }.sorted { ($0.votes, $1.title) > ($1.votes, $0.title) }
    }

    @Sendable func page(req: Request) async throws -> Response {
        let (community, standing, person, event) = try await Self.load(req)
        let scope = try await ConversationScope.of(person, on: req.db)
        let page = AMAPage(card: try CommunityCard(community), event: event,
                           questions: try await Self.questions(of: event, scope: scope, viewer: person.personID, on: req.db),
                           canAsk: CommunityAccess.canParticipate(standing) && !event.cancelled)
        return AMAView.page(try await req.pageContext(), page, form: AskForm(), errors: [:])
    }

    struct AskForm: Content {
        var title: String?
        var body: String?
    }

    @Sendable func ask(req: Request) async throws -> Response {
        let (community, standing, person, event) = try await Self.load(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let form = try req.content.decode(AskForm.self)
        do {
            _ = try await ConversationActions.askAMA(title: form.title, body: form.body, event: event, in: community, standing: standing, by: person,
                                                     ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityEventQuestions(community.slug, try event.requireID()).path, flash: "flash.ama-question-sent")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let scope = try await ConversationScope.of(person, on: req.db)
            let page = AMAPage(card: try CommunityCard(community), event: event,
                               questions: try await Self.questions(of: event, scope: scope, viewer: person.personID, on: req.db), canAsk: true)
            return AMAView.page(ctx, page, form: form, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func vote(req: Request) async throws -> Response {
        let (thread, standing, person) = try await ThreadEditController.load(req)
        try await ConversationActions.toggleVote(thread, standing: standing, by: person, ctx: ActionContext(req))
        if let eventID = thread.$event.id {
            return req.seeOther(SiteURL.communityEventQuestions(thread.community.slug, eventID).path + "#q-\(try thread.requireID())")
        }
        return req.seeOther(SiteURL.thread(try thread.requireID()).path)
    }
}

enum AMAView {
    static func page(_ ctx: PageContext, _ p: AMAController.AMAPage, form: AMAController.AskForm, errors: [String: String], status: HTTPStatus = .ok) -> Response {
        let eventID = p.event.id ?? UUID()
        let open = p.questions.filter { !$0.answered }, answered = p.questions.filter(\.answered)
        return Layout.page(ctx, title: ctx.t("ama.title", ["title": p.event.title]), status: status, content: [
            .p(.a(.href(SiteURL.communityEvent(p.card.slug, eventID).path), .text(ctx.t("ama.back")))),
            .p(.text(ctx.t("ama.intro"))),
            Forms.errorSummary(ctx, errors),
            .if(p.canAsk, .form(.method(.post), .action(SiteURL.communityEventQuestions(p.card.slug, eventID).path),
                Forms.csrf(ctx),
                Forms.field("title", label: ctx.t("ama.question"), value: form.title ?? "", error: errors["title"], hint: ctx.t("ama.question.hint")),
                Forms.textarea("body", label: ctx.t("ama.details"), value: form.body ?? "", error: errors["body"], required: false, rows: 3),
                Forms.submit(ctx.t("ama.ask")))),
            .h2(.text(ctx.t("ama.open", ["count": String(open.count)]))),
            list(ctx, open, canVote: p.canAsk, empty: ctx.t("ama.open.empty")),
            .h2(.text(ctx.t("ama.answered", ["count": String(answered.count)]))),
            list(ctx, answered, canVote: false, empty: ctx.t("ama.answered.empty")),
        ])
    }

    static func list(_ ctx: PageContext, _ questions: [AMAController.Question], canVote: Bool, empty: String) -> Node<HTML.BodyContext> {
        guard !questions.isEmpty else { return .p(.class("empty"), .text(empty)) }
        return .ol(.class("ama-questions"), .forEach(questions) { q in
            .li(.id("q-\(q.id)"),
                .a(.href(SiteURL.thread(q.id).path), .text(q.title)),
                .span(.class("note"), .text(" · " + q.author + " · " + ctx.t("ama.votes", ["count": String(q.votes)])
                                             + " · " + ctx.t("ama.replies", ["count": String(q.replies)]))),
                .if(canVote, Forms.button(ctx, action: SiteURL.threadVote(q.id).path, text: ctx.t(q.votedByMe ? "ama.unvote" : "ama.vote"))))
        })
    }
}
