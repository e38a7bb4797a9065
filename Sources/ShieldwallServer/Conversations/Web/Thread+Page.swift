import Fluent
import Foundation
import ShieldwallCore

/// Everything a thread's page shows, read for one viewer (who already passed `ConversationScope`).
struct ThreadPage: Sendable {
    /// The thread itself, as the page shows it.
    struct Thread: Sendable {
        let id: UUID
        let kind: ThreadKind
        let title: String
        let body: String
        let tags: [String]
        let createdAt: Date
        let edited: Bool
        let acceptedPostID: UUID?
        let answered: Bool
        let pinned: Bool
        let locked: Bool
    }

    struct Reply: Sendable {
        let id: UUID
        let author: String
        let body: String
        let expert: Bool
        let createdAt: Date
        let edited: Bool
        let helpful: Int
        let helpfulByMe: Bool
        let canEdit: Bool
        let canDelete: Bool
        let mine: Bool
    }

    let thread: Thread
    let card: CommunityCard
    let author: String
    let replies: [Reply]
    let poll: PollActions.Results?
    let canReply: Bool
    let canEdit: Bool
    let canDelete: Bool
    let canAccept: Bool
    let canModerate: Bool
    let canParticipate: Bool
    let canClosePoll: Bool
    /// The reply box: empty, a quoted reply (`quote`), or what could not be sent.
    var draft: String
    var errors: [String: String] = [:]

    static func build(_ thread: ConversationThread, person: SignedIn, quote: UUID?, on db: any Database, now: Date) async throws -> ThreadPage {
        let threadID = try thread.requireID()
        let standing = try await CommunityStandings.standing(of: person, in: thread.community, on: db)
        let posts = try await ThreadPost.query(on: db).filter(\.$thread.$id == threadID).sort(\.$createdAt).with(\.$author).all()
        let postIDs = try posts.map { try $0.requireID() }
        let mine = postIDs.isEmpty ? Set<UUID>() : Set(try await PostReaction.query(on: db).filter(\.$post.$id ~~ postIDs)
            .filter(\.$person.$id == person.personID).values(\.$post.$id))
        let replies = try posts.map { p in
            let id = try p.requireID()
            return Reply(id: id, author: p.author.displayName, body: p.body, expert: p.expert, createdAt: p.createdAt,
                         edited: p.editedAt != nil, helpful: p.helpfulCount, helpfulByMe: mine.contains(id),
                         canEdit: ConversationAccess.canEdit(authorID: p.$author.id, viewerID: person.personID, standing),
                         canDelete: ConversationAccess.canDelete(authorID: p.$author.id, viewerID: person.personID, replies: 0, isThread: false, standing),
                         mine: p.$author.id == person.personID)
        }
        var draft = ""
        if let quote, let quoted = posts.first(where: { $0.id == quote }) {
            draft = "> @\(Mentions.handle(for: quoted.author.displayName)):\n" + quoted.body.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "> " + $0 }.joined(separator: "\n") + "\n\n"
        }
        return ThreadPage(
            thread: Thread(id: threadID, kind: thread.kind, title: thread.title, body: thread.body, tags: thread.tagList, createdAt: thread.createdAt,
                           edited: thread.editedAt != nil, acceptedPostID: thread.acceptedPostID, answered: thread.isAnswered,
                           pinned: thread.pinned, locked: thread.locked),
            card: try CommunityCard(thread.community), author: thread.author.displayName, replies: replies,
            poll: try await PollActions.results(of: threadID, for: person.personID, on: db, now: now),
            canReply: ConversationAccess.canReply(locked: thread.locked, standing),
            canEdit: ConversationAccess.canEdit(authorID: thread.$author.id, viewerID: person.personID, standing),
            canDelete: ConversationAccess.canDelete(authorID: thread.$author.id, viewerID: person.personID, replies: thread.replyCount,
                                                    isThread: true, standing),
            canAccept: ConversationAccess.canAccept(kind: thread.kind, askerID: thread.$author.id, viewerID: person.personID, standing),
            canModerate: ConversationAccess.canModerate(standing), canParticipate: CommunityAccess.canParticipate(standing),
            canClosePoll: ConversationAccess.canClosePoll(authorID: thread.$author.id, viewerID: person.personID, standing), draft: draft)
    }
}
