import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The one query scope for conversations (DESIGN.md §3): threads, replies, polls, search results,
/// notifications and feeds are read through `threads(on:)` or `communityIDs`, so a person sees the
/// conversations of exactly the communities whose content they may see (`ConversationAccess.canRead`):
/// active there, charter accepted. Operators who are not members see none.
struct ConversationScope: Sendable {
    let personID: UUID?
    /// The person's role in each community whose conversations they may read.
    let roles: [UUID: CommunityRole]

    static let nobody = ConversationScope(personID: nil, roles: [:])

    static func of(_ person: SignedIn?, on db: any Database) async throws -> ConversationScope {
        guard let person else { return .nobody }
        return ConversationScope(personID: person.personID, roles: try await CommunityStandings.contentRoles(of: person, on: db))
    }

    /// The same, with the roles kept under the access version (`Request.contentRoles`).
    static func of(_ person: SignedIn?, _ req: Request) async throws -> ConversationScope {
        guard let person else { return .nobody }
        return ConversationScope(personID: person.personID, roles: try await req.contentRoles(of: person))
    }

    var communityIDs: [UUID] { Array(roles.keys) }

    /// Threads the viewer may read, as a query to refine.
    func threads(on db: any Database) -> QueryBuilder<ConversationThread> {
        restrict(ConversationThread.query(on: db))
    }

    /// Limits a query on threads — or on anything joined to `ConversationThread` — to readable communities.
    func restrict<M: Model>(_ query: QueryBuilder<M>) -> QueryBuilder<M> {
        guard personID != nil, !roles.isEmpty else { return query.filter(ConversationThread.self, \.$id ~~ [])  /* nothing */ }
        return query.filter(ConversationThread.self, \.$community.$id ~~ communityIDs)
    }

    /// One thread by id, or 404 — the same answer whether it does not exist or is hidden.
    func thread(_ id: UUID?, on db: any Database, _ req: Request) async throws -> ConversationThread {
        guard let id, let thread = try await threads(on: db).filter(\.$id == id).with(\.$community).with(\.$author).first()
        else { throw Abort(.notFound, reason: req.t("error.thread-not-found")) }
        return thread
    }

    /// A reply with its thread, or 404 when the thread is not readable.
    func post(_ id: UUID?, on db: any Database, _ req: Request) async throws -> (ThreadPost, ConversationThread) {
        guard let id, let post = try await ThreadPost.query(on: db).join(ConversationThread.self, on: \ThreadPost.$thread.$id == \ConversationThread.$id)
            .filter(\.$id == id).restricted(by: self).first()
        else { throw Abort(.notFound, reason: req.t("error.thread-not-found")) }
        return (post, try await thread(post.$thread.id, on: db, req))
    }

    /// The resource libraries of the same communities.
    func resources(on db: any Database) -> QueryBuilder<LibraryResource> {
        guard personID != nil, !roles.isEmpty else { return LibraryResource.query(on: db).filter(\.$id ~~ [])  /* nothing */ }
        return LibraryResource.query(on: db).filter(\.$community.$id ~~ communityIDs)
    }

    func resource(_ id: UUID?, on db: any Database, _ req: Request) async throws -> LibraryResource {
        guard let id, let resource = try await resources(on: db).filter(\.$id == id).with(\.$community).with(\.$addedBy).first()
        else { throw Abort(.notFound, reason: req.t("resource.error.not-found")) }
        return resource
    }

    /// The thread named by the request's `:threadID`, with the person's standing in its community (404 when hidden).
    static func thread(_ req: Request, for person: SignedIn) async throws -> (ConversationThread, CommunityStanding) {
        let thread = try await of(person, on: req.db).thread(req.parameters.get(.threadID, as: UUID.self), on: req.db, req)
        return (thread, try await CommunityStandings.standing(of: person, in: thread.community, on: req.db))
    }

    /// The reply named by the request's `:postID`, with its thread and the person's standing (404 when hidden).
    static func post(_ req: Request, for person: SignedIn) async throws -> (ThreadPost, ConversationThread, CommunityStanding) {
        let (post, thread) = try await of(person, on: req.db).post(req.parameters.get(.postID, as: UUID.self), on: req.db, req)
        return (post, thread, try await CommunityStandings.standing(of: person, in: thread.community, on: req.db))
    }

    func isExpert(in community: UUID) -> Bool { ConversationAccess.isExpertAnswer(roles[community]) }
}

extension QueryBuilder {
    func restricted(by scope: ConversationScope) -> QueryBuilder<Model> { scope.restrict(self) }
}

extension ConversationScope {
    /// The experts' queue: questions nobody has answered yet, across every community where the person is an expert or
    /// the facilitator, oldest first.
    func unansweredQuestions(on db: any Database) async throws -> [ConversationThread] {
        let expertCommunities = roles.filter { ConversationAccess.isExpertAnswer($0.value) }.map(\.key)
        guard !expertCommunities.isEmpty else { return [] }
        return try await threads(on: db).filter(\.$community.$id ~~ expertCommunities).unansweredQuestions()
            .sort(\.$createdAt, .ascending).limit(200).with(\.$author).with(\.$community).all()
    }
}

extension QueryBuilder where Model == ConversationThread {
    /// Questions with neither an expert's reply nor a marked answer (`ConversationThread.isAnswered` as SQL).
    func unansweredQuestions() -> Self {
        filter(\.$kind == ThreadKind.question).filter(\.$acceptedPostID == nil).filter(\.$firstExpertAnswerAt == nil)
    }
}
