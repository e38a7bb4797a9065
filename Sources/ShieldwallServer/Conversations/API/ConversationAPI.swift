import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// `/api/v1` for conversations: threads, replies, accepted answers, polls, the experts' queue, search and
/// notifications — through the same scope and actions as the pages.
struct ConversationAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.communityThreads, use: list)
        routes.post(APIURL.communityThreads, use: create)
        routes.get(APIURL.thread, use: show)
        routes.post(APIURL.threadReplies, use: reply)
        routes.post(APIURL.threadAccept, use: accept)
        routes.post(APIURL.threadPollVotes, use: vote)
        routes.get(APIURL.questionsUnanswered, use: queue)
        routes.get(APIURL.communityEventQuestions, use: amaQuestions)
        routes.post(APIURL.communityEventQuestions, use: askAMA)
        routes.post(APIURL.threadVote, use: voteUp)
        routes.get(APIURL.communityResources, use: resources)
        routes.get(APIURL.resource, use: resource)
        routes.get(APIURL.notifications, use: notifications)
    }

    struct ThreadDTO: Content {
        let id: UUID
        let community: String
        let kind: String
        let title: String
        let body: String
        let tags: [String]
        let author: String
        let pinned: Bool
        let locked: Bool
        let answered: Bool
        let acceptedPost: UUID?
        let replyCount: Int
        let createdAt: Date
        let lastActivityAt: Date
        let editedAt: Date?
    }

    struct PostDTO: Content {
        let id: UUID
        let author: String
        let body: String
        let expert: Bool
        let helpful: Int
        let createdAt: Date
        let editedAt: Date?
    }

    struct PollDTO: Content {
        struct Option: Content { let id: UUID; let label: String; let votes: Int? }
        let question: String
        let multiple: Bool
        let closesAt: Date
        let closed: Bool
        let voted: Bool
        let voters: Int
        /// Counts are given only to those who voted, or once the poll is closed.
        let options: [Option]
    }

    struct ThreadDetailDTO: Content {
        let thread: ThreadDTO
        let replies: [PostDTO]
        let poll: PollDTO?
    }

    static func dto(_ t: ConversationThread, slug: String) throws -> ThreadDTO {
        ThreadDTO(id: try t.requireID(), community: slug, kind: t.kind.rawValue, title: t.title, body: t.body, tags: t.tagList, author: t.author.displayName,
                  pinned: t.pinned, locked: t.locked, answered: t.isAnswered, acceptedPost: t.acceptedPostID, replyCount: t.replyCount,
                  createdAt: t.createdAt, lastActivityAt: t.lastActivityAt, editedAt: t.editedAt)
    }

    static func pollDTO(_ p: PollActions.Results) -> PollDTO {
        PollDTO(question: p.question, multiple: p.multiple, closesAt: p.closesAt, closed: p.closed, voted: p.voted, voters: p.voters,
                options: p.options.map { .init(id: $0.id, label: $0.label, votes: p.visible ? $0.votes : nil) })
    }

    static func loadThread(_ req: Request) async throws -> (ConversationThread, CommunityStanding, SignedIn) {
        let person = try req.requireAPIPerson()
        let (thread, standing) = try await ConversationScope.thread(req, for: person)
        return (thread, standing, person)
    }

    /// Tags given as a JSON list, as the form's text: each item must be one tag (a blank or two words is refused,
    /// naming it), then the form's rules apply (how many).
    static func tagText(_ tags: [String]?) throws -> String? {
        guard let tags else { return nil }
        if let bad = tags.first(where: { (try? Tags.parse($0).get())?.count != 1 }) {
            throw ValidationFailure(field: "tags", key: "thread.error.tag-invalid", values: ["tag": String(bad.prefix(40))])
        }
        return tags.joined(separator: ",")
    }

    @Sendable func list(req: Request) async throws -> CursorPage<ThreadDTO> {
        let (community, standing, person) = try await CommunitiesAPI.load(req)
        try CommunitiesAPI.requireContent(req, standing)
        let scope = try await ConversationScope.of(person, req)
        var query = scope.threads(on: req.db).filter(\.$community.$id == (try community.requireID())).with(\.$author)
        if let raw = req.query[String.self, at: "kind"] {
            guard let kind = ThreadKind(rawValue: raw) else { throw ValidationFailure(field: "kind", key: "error.choose-one") }
            query = query.filter(\.$kind == kind)
        }
        return try await PageRequest(req).fetch(query) { try Self.dto($0, slug: community.slug) }.response
    }

    struct CreateDTO: Content {
        struct PollIn: Content { let question: String?; let options: [String]?; let multiple: Bool?; let closesInDays: Int? }
        let kind: String?
        let title: String?
        let body: String?
        let tags: [String]?
        let poll: PollIn?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunitiesAPI.load(req)
        try CommunitiesAPI.requireContent(req, standing)
        try req.require(CommunityAccess.canParticipate(standing))
        let body = try req.content.decode(CreateDTO.self)
        let poll = body.poll.map { PollActions.Input(question: $0.question, options: ($0.options ?? []).joined(separator: "\n"),
                                                     multiple: $0.multiple ?? false, closesInDays: $0.closesInDays) }
        let input = ConversationActions.ThreadInput(kind: body.kind, title: body.title, body: body.body,
                                                    tags: try Self.tagText(body.tags) ?? "", poll: poll)
        let thread = try await ConversationActions.start(input, in: community, standing: standing, by: person, ctx: ActionContext(req))
        try await thread.$author.load(on: req.db)
        return try await Self.dto(thread, slug: community.slug).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> ThreadDetailDTO {
        let (thread, _, person) = try await Self.loadThread(req)
        let posts = try await ThreadPost.query(on: req.db).filter(\.$thread.$id == (try thread.requireID())).sort(\.$createdAt).with(\.$author).all()
        let poll = try await PollActions.results(of: try thread.requireID(), for: person.personID, on: req.db, now: req.now)
        return ThreadDetailDTO(thread: try Self.dto(thread, slug: thread.community.slug),
                               replies: try posts.map { PostDTO(id: try $0.requireID(), author: $0.author.displayName, body: $0.body, expert: $0.expert,
                                                               helpful: $0.helpfulCount, createdAt: $0.createdAt, editedAt: $0.editedAt) },
                               poll: poll.map(Self.pollDTO))
    }

    struct ReplyDTO: Content { let body: String? }

    @Sendable func reply(req: Request) async throws -> Response {
        let (thread, standing, person) = try await Self.loadThread(req)
        let post = try await ConversationActions.reply(to: thread, body: try req.content.decode(ReplyDTO.self).body, standing: standing, by: person,
                                                       ctx: ActionContext(req))
        return try await PostDTO(id: try post.requireID(), author: person.displayName, body: post.body, expert: post.expert, helpful: 0,
                                 createdAt: post.createdAt, editedAt: nil).encodeResponse(status: .created, for: req)
    }

    struct AcceptDTO: Content { let post: UUID? }

    @Sendable func accept(req: Request) async throws -> ThreadDTO {
        let (thread, standing, person) = try await Self.loadThread(req)
        try await ConversationActions.accept(try req.content.decode(AcceptDTO.self).post, in: thread, standing: standing, by: person, ctx: ActionContext(req))
        return try Self.dto(thread, slug: thread.community.slug)
    }

    struct VoteDTO: Content { let choices: [String]? }

    @Sendable func vote(req: Request) async throws -> PollDTO {
        let (thread, standing, person) = try await Self.loadThread(req)
        try await PollActions.vote(in: thread, choices: try req.content.decode(VoteDTO.self).choices ?? [], standing: standing, by: person,
                                   ctx: ActionContext(req))
        guard let results = try await PollActions.results(of: try thread.requireID(), for: person.personID, on: req.db, now: req.now) else {
            throw Abort(.notFound)
        }
        return Self.pollDTO(results)
    }

    @Sendable func queue(req: Request) async throws -> [ThreadDTO] {
        let person = try req.requireAPIPerson()
        let scope = try await ConversationScope.of(person, req)
        return try await scope.unansweredQuestions(on: req.db).map { try Self.dto($0, slug: $0.community.slug) }
    }

    struct AMAQuestionDTO: Content {
        let id: UUID
        let title: String
        let author: String
        let votes: Int
        let votedByMe: Bool
        let answered: Bool
        let replyCount: Int
    }

    static func amaEvent(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, CommunityEvent) {
        let (community, standing, person) = try await CommunitiesAPI.load(req)
        try CommunitiesAPI.requireContent(req, standing)
        let event = try await EventController.event(req, in: community)
        guard event.kind == .ama else { throw Abort(.notFound, reason: req.t("ama.not-an-ama")) }
        return (community, standing, person, event)
    }

    /// An Ask-Me-Anything's questions, most wanted first.
    @Sendable func amaQuestions(req: Request) async throws -> [AMAQuestionDTO] {
        let (community, standing, person, event) = try await Self.amaEvent(req)
        let scope = try await ConversationScope.of(person, req)
        let page = try await AMAPage.build(event, community: community, scope: scope, viewer: person.personID,
                                           canAsk: CommunityAccess.canParticipate(standing), on: req.db)
        return page.questions.map {
            AMAQuestionDTO(id: $0.id, title: $0.title, author: $0.author, votes: $0.votes, votedByMe: $0.votedByMe, answered: $0.answered,
                           replyCount: $0.replies)
        }
    }

    struct AskDTO: Content { let title: String?; let body: String? }

    @Sendable func askAMA(req: Request) async throws -> Response {
        let (community, standing, person, event) = try await Self.amaEvent(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let ask = try req.content.decode(AskDTO.self)
        let thread = try await ConversationActions.askAMA(title: ask.title, body: ask.body, event: event, in: community, standing: standing,
                                                          by: person, ctx: ActionContext(req))
        try await thread.$author.load(on: req.db)
        return try await Self.dto(thread, slug: community.slug).encodeResponse(status: .created, for: req)
    }

    /// "Me too" on a question; calling again takes it back. Answers with the current count.
    @Sendable func voteUp(req: Request) async throws -> [String: Int] {
        let (thread, standing, person) = try await Self.loadThread(req)
        try await ConversationActions.toggleVote(thread, standing: standing, by: person, ctx: ActionContext(req))
        return ["votes": try await ThreadVote.query(on: req.db).filter(\.$thread.$id == (try thread.requireID())).count()]
    }

    struct ResourceDTO: Content {
        let id: UUID
        let community: String
        let kind: String
        let title: String
        let description: String
        let url: String?
        let body: String?
        let fileName: String?
        let contentType: String?
        let size: Int?
        /// For files: the download address (a signed-in page address; use a browser session).
        let downloadURL: String?
        let tags: [String]
        let addedBy: String
        let createdAt: Date
    }

    static func resourceDTO(_ r: LibraryResource, slug: String, base: String) throws -> ResourceDTO {
        let id = try r.requireID()
        return ResourceDTO(id: id, community: slug, kind: r.kind.rawValue, title: r.title, description: r.description, url: r.url, body: r.body,
                           fileName: r.fileName, contentType: r.contentType, size: r.size,
                           downloadURL: r.storedName == nil ? nil : base + SiteURL.resourceDownload(id).path, tags: r.tagList,
                           addedBy: r.addedBy.displayName, createdAt: r.createdAt)
    }

    @Sendable func resources(req: Request) async throws -> CursorPage<ResourceDTO> {
        let (community, standing, person) = try await CommunitiesAPI.load(req)
        try CommunitiesAPI.requireContent(req, standing)
        let scope = try await ConversationScope.of(person, req)
        let query = scope.resources(on: req.db).filter(\.$community.$id == (try community.requireID())).with(\.$addedBy)
        let base = req.shieldwall.configuration.baseURL
        return try await PageRequest(req).fetch(query) { try Self.resourceDTO($0, slug: community.slug, base: base) }.response
    }

    @Sendable func resource(req: Request) async throws -> ResourceDTO {
        let person = try req.requireAPIPerson()
        let scope = try await ConversationScope.of(person, req)
        let r = try await scope.resource(req.parameters.get(.resourceID, as: UUID.self), on: req.db, req)
        return try Self.resourceDTO(r, slug: r.community.slug, base: req.shieldwall.configuration.baseURL)
    }

    struct NotificationDTO: Content {
        let id: UUID
        let kind: String
        let text: String
        let url: String
        let createdAt: Date
        let read: Bool
    }

    @Sendable func notifications(req: Request) async throws -> [NotificationDTO] {
        let person = try req.requireAPIPerson()
        let scope = try await ConversationScope.of(person, req)
        return try await NotificationFeed.items(for: person, scope: scope, subjects: req.shieldwall.links.notificationSubjects,
                                                localiser: req.localiser, on: req.db).compactMap { item in
            item.kind.map { NotificationDTO(id: item.id, kind: $0.rawValue, text: item.text, url: req.shieldwall.configuration.baseURL + item.path,
                                            createdAt: item.createdAt, read: item.read) }
        }
    }
}
