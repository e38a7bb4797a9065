import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Everything a thread's page shows, read for one viewer (who already passed `ConversationScope`).
struct ThreadPage: Sendable {
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

    let thread: ConversationThread
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
    var draft: String

    static func build(_ thread: ConversationThread, person: SignedIn, quote: UUID?, req: Request) async throws -> ThreadPage {
        let threadID = try thread.requireID()
        let standing = try await CommunityStandings.standing(of: person, in: thread.community, on: req.db)
        let posts = try await ThreadPost.query(on: req.db).filter(\.$thread.$id == threadID).sort(\.$createdAt).with(\.$author).all()
        let postIDs = posts.compactMap(\.id)
        let mine = postIDs.isEmpty ? Set<UUID>() : Set(try await PostReaction.query(on: req.db).filter(\.$post.$id ~~ postIDs)
            .filter(\.$person.$id == person.personID).all(\.$post.$id))
        let replies = posts.map { p in
            Reply(id: p.id ?? UUID(), author: p.author.displayName, body: p.body, expert: p.expert, createdAt: p.createdAt,
                  edited: p.editedAt != nil, helpful: p.helpfulCount, helpfulByMe: mine.contains(p.id ?? UUID()),
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
            thread: thread, card: try CommunityCard(thread.community), author: thread.author.displayName, replies: replies,
            poll: try await PollActions.results(of: threadID, for: person.personID, on: req.db, now: req.now),
            canReply: ConversationAccess.canReply(locked: thread.locked, standing),
            canEdit: ConversationAccess.canEdit(authorID: thread.$author.id, viewerID: person.personID, standing),
            canDelete: ConversationAccess.canDelete(authorID: thread.$author.id, viewerID: person.personID, replies: thread.replyCount,
                                                    isThread: true, standing),
            canAccept: ConversationAccess.canAccept(kind: thread.kind, askerID: thread.$author.id, viewerID: person.personID, standing),
            canModerate: ConversationAccess.canModerate(standing), canParticipate: CommunityAccess.canParticipate(standing),
            canClosePoll: ConversationAccess.canClosePoll(authorID: thread.$author.id, viewerID: person.personID, standing), draft: draft)
    }
}
