import Fluent
import Foundation
import ShieldwallCore

/// The open reports of posts in a community, for its facilitator.
struct FlagListPage: Sendable {
    struct Flag: Sendable {
        let id: UUID
        let threadID: UUID
        let threadTitle: String
        let postID: UUID?
        /// The start of the reported reply; nil for the opening post.
        let excerpt: String?
        let reason: String
        let reporter: String
        let at: Date
    }

    let card: CommunityCard
    let flags: [Flag]

    static func build(_ community: Community, on db: any Database) async throws -> FlagListPage {
        let threads = try await ConversationThread.query(on: db).filter(\.$community.$id == (try community.requireID())).values(\.$id)
        let flags = threads.isEmpty ? [] : try await PostFlag.query(on: db).filter(\.$thread.$id ~~ threads.compactMap { $0 })
            .filter(\.$resolvedAt == nil).sort(\.$createdAt).with(\.$thread).with(\.$reporter).with(\.$post).all()
        return FlagListPage(card: try CommunityCard(community), flags: try flags.map { f in
            Flag(id: try f.requireID(), threadID: f.$thread.id, threadTitle: f.thread.title, postID: f.$post.id,
                 excerpt: f.post.map { String($0.body.prefix(140)) }, reason: f.reason, reporter: f.reporter.displayName, at: f.createdAt)
        })
    }
}
