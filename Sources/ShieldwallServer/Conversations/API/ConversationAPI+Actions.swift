import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// `/api/v1` for the rest of what the pages do in conversations: edits and their history, "helpful",
/// reports to the facilitator, pin/lock, closing polls, adding to and removing from the library,
/// notification settings and "mark all read".
struct ConversationActionsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.patch(APIURL.thread, use: editThread)
        routes.get(APIURL.threadHistory, use: history)
        routes.post(APIURL.threadFlag, use: flag)
        routes.post(APIURL.threadModerate, use: moderate)
        routes.post(APIURL.threadPollClose, use: closePoll)
        routes.patch(APIURL.post, use: editPost)
        routes.delete(APIURL.thread, use: deleteThread)
        routes.delete(APIURL.post, use: deletePost)
        routes.post(APIURL.postHelpful, use: helpful)
        routes.post(APIURL.communityResources, bodyLimit: ResourceController.maxBody * 2, use: addResource)
        routes.delete(APIURL.resource, use: removeResource)
        routes.get(APIURL.notificationSettings, use: settings)
        routes.put(APIURL.notificationSettings, use: saveSettings)
        routes.post(APIURL.notificationsRead, use: readAll)
    }

    struct EditDTO: Content { let title: String?; let body: String?; let tags: [String]? }

    @Sendable func editThread(req: Request) async throws -> ConversationAPI.ThreadDTO {
        let (thread, standing, person) = try await ConversationAPI.loadThread(req)
        let edit = try req.content.decode(EditDTO.self)
        try await ConversationActions.editThread(thread, .init(kind: nil, title: edit.title ?? thread.title, body: edit.body ?? thread.body,
                                                               tags: try ConversationAPI.tagText(edit.tags) ?? thread.tagList.joined(separator: ","), poll: nil),
                                                 standing: standing, by: person, ctx: ActionContext(req))
        return try ConversationAPI.dto(thread, slug: thread.community.slug)
    }

    struct RevisionDTO: Content { let post: UUID?; let editor: String; let title: String?; let body: String; let replacedAt: Date }

    @Sendable func history(req: Request) async throws -> [RevisionDTO] {
        let (thread, _, _) = try await ConversationAPI.loadThread(req)
        return try await PostRevision.query(on: req.db).filter(\.$thread.$id == (try thread.requireID())).sort(\.$createdAt, .descending)
            .with(\.$editor).all().map { RevisionDTO(post: $0.$post.id, editor: $0.editor.displayName, title: $0.title, body: $0.body, replacedAt: $0.createdAt) }
    }

    struct FlagDTO: Content { let post: UUID?; let reason: String? }

    @Sendable func flag(req: Request) async throws -> HTTPStatus {
        let (thread, standing, person) = try await ConversationAPI.loadThread(req)
        let body = try req.content.decode(FlagDTO.self)
        try await ConversationActions.flag(thread, post: body.post, reason: body.reason, standing: standing, by: person, ctx: ActionContext(req))
        return .accepted
    }

    struct ModerateDTO: Content { let pinned: Bool?; let locked: Bool? }

    @Sendable func moderate(req: Request) async throws -> ConversationAPI.ThreadDTO {
        let (thread, standing, _) = try await ConversationAPI.loadThread(req)
        guard ConversationAccess.canModerate(standing) else { throw Abort(.forbidden, reason: req.t("error.facilitators-only")) }
        let body = try req.content.decode(ModerateDTO.self)
        try await ConversationActions.moderate(thread, pinned: body.pinned, locked: body.locked, standing: standing, ctx: ActionContext(req))
        return try ConversationAPI.dto(thread, slug: thread.community.slug)
    }

    @Sendable func closePoll(req: Request) async throws -> ConversationAPI.PollDTO {
        let (thread, standing, person) = try await ConversationAPI.loadThread(req)
        try await PollActions.close(in: thread, standing: standing, by: person, ctx: ActionContext(req))
        guard let results = try await PollActions.results(of: try thread.requireID(), for: person.personID, on: req.db, now: req.now) else {
            throw Abort(.notFound)
        }
        return ConversationAPI.pollDTO(results)
    }

    static func loadPost(_ req: Request) async throws -> (ThreadPost, ConversationThread, CommunityStanding, SignedIn) {
        let person = try req.requireAPIPerson()
        let (post, thread, standing) = try await ConversationScope.post(req, for: person)
        return (post, thread, standing, person)
    }

    @Sendable func editPost(req: Request) async throws -> ConversationAPI.PostDTO {
        let (post, thread, standing, person) = try await Self.loadPost(req)
        try await ConversationActions.editPost(post, in: thread, body: try req.content.decode(EditDTO.self).body, standing: standing, by: person,
                                               ctx: ActionContext(req))
        try await post.$author.load(on: req.db)
        return ConversationAPI.PostDTO(id: try post.requireID(), author: post.author.displayName, body: post.body, expert: post.expert,
                                       helpful: post.helpfulCount, createdAt: post.createdAt, editedAt: post.editedAt)
    }

    @Sendable func deleteThread(req: Request) async throws -> HTTPStatus {
        let (thread, standing, person) = try await ConversationAPI.loadThread(req)
        try await ConversationActions.deleteThread(thread, standing: standing, by: person, ctx: ActionContext(req))
        return .noContent
    }

    @Sendable func deletePost(req: Request) async throws -> HTTPStatus {
        let (post, thread, standing, person) = try await Self.loadPost(req)
        try await ConversationActions.deletePost(post, in: thread, standing: standing, by: person, ctx: ActionContext(req))
        return .noContent
    }

    /// "Helpful" on a reply; again takes it back.
    @Sendable func helpful(req: Request) async throws -> [String: Int] {
        let (post, _, standing, person) = try await Self.loadPost(req)
        try await ConversationActions.toggleHelpful(post, standing: standing, by: person, ctx: ActionContext(req))
        return ["helpful": post.helpfulCount]
    }

    struct ResourceIn: Content {
        let kind: String?
        let title: String?
        let description: String?
        let url: String?
        let body: String?
        let tags: [String]?
        let fileName: String?
        /// For files: the content, base64-encoded.
        let content: String?
    }

    @Sendable func addResource(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunitiesAPI.load(req)
        try CommunitiesAPI.requireContent(req, standing)
        try req.require(CommunityAccess.canParticipate(standing))
        let body = try req.content.decode(ResourceIn.self)
        var bytes: [UInt8]?
        if let content = body.content {
            guard let data = Data(base64Encoded: content) else { throw ValidationFailure(field: "content", key: "resource.error.base64") }
            bytes = Array(data)
        }
        let resource = try await ResourceActions.add(.init(kind: body.kind, title: body.title, description: body.description, url: body.url, body: body.body,
                                                           tags: try ConversationAPI.tagText(body.tags) ?? "", fileName: body.fileName, fileBytes: bytes),
                                                     in: community, standing: standing, by: person, ctx: ActionContext(req))
        try await resource.$addedBy.load(on: req.db)
        return try await ConversationAPI.resourceDTO(resource, slug: community.slug, base: req.shieldwall.configuration.baseURL)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func removeResource(req: Request) async throws -> HTTPStatus {
        let person = try req.requireAPIPerson()
        let scope = try await ConversationScope.of(person, req)
        let resource = try await scope.resource(req.parameters.get(.resourceID, as: UUID.self), on: req.db, req)
        let standing = try await CommunityStandings.standing(of: person, in: resource.community, on: req.db)
        try await ResourceActions.remove(resource, standing: standing, by: person, ctx: ActionContext(req))
        return .noContent
    }

    struct SettingsDTO: Content {
        let delivery: String
        /// Which new threat reports: `advisories`, `all` or `none`; unchanged when left out.
        var reports: String?
    }

    @Sendable func settings(req: Request) async throws -> SettingsDTO {
        let person = try req.requireAPIPerson()
        let setting = try await NotificationFeed.setting(for: person.personID, on: req.db, now: req.now)
        return SettingsDTO(delivery: setting.delivery.rawValue, reports: setting.reports.rawValue)
    }

    @Sendable func saveSettings(req: Request) async throws -> SettingsDTO {
        let person = try req.requireAPIPerson()
        let body = try req.content.decode(SettingsDTO.self)
        guard let delivery = NotificationDelivery(rawValue: body.delivery) else {
            throw ValidationFailure(field: "delivery", key: "error.choose-one")
        }
        let reports = body.reports.map { ReportNotices(rawValue: $0) }
        if reports == .some(nil) { throw ValidationFailure(field: "reports", key: "error.choose-one") }
        try await NotificationFeed.choose(delivery, reports: reports ?? nil, for: person.personID, on: req.db, now: req.now)
        let setting = try await NotificationFeed.setting(for: person.personID, on: req.db, now: req.now)
        return SettingsDTO(delivery: setting.delivery.rawValue, reports: setting.reports.rawValue)
    }

    @Sendable func readAll(req: Request) async throws -> HTTPStatus {
        let person = try req.requireAPIPerson()
        try await NotificationFeed.markAllRead(for: person, on: req.db, now: req.now)
        return .noContent
    }
}
