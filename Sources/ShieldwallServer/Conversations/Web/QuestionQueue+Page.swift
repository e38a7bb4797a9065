import Fluent
import Foundation
import ShieldwallCore

/// The experts' queue of unanswered questions, oldest first.
struct QuestionQueuePage: Sendable {
    struct Question: Sendable {
        let id: UUID
        let title: String
        let communityName: String
        let communitySlug: String
        let author: String
        let askedAt: Date
        let replies: Int
    }

    let isExpert: Bool
    let questions: [Question]

    static func build(scope: ConversationScope, on db: any Database) async throws -> QuestionQueuePage {
        QuestionQueuePage(isExpert: scope.roles.values.contains { ConversationAccess.isExpertAnswer($0) },
                          questions: try await scope.unansweredQuestions(on: db).map { t in
                              Question(id: try t.requireID(), title: t.title, communityName: t.community.name, communitySlug: t.community.slug,
                                       author: t.author.displayName, askedAt: t.createdAt, replies: t.replyCount)
                          })
    }
}
