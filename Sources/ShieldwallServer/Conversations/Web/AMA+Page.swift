import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// An Ask-Me-Anything: the questions sent for its event, most wanted first, open and answered.
struct AMAPage: Sendable {
    struct Question: Sendable {
        let id: UUID
        let title: String
        let author: String
        let votes: Int
        let votedByMe: Bool
        let answered: Bool
        let replies: Int
    }

    let card: CommunityCard
    let eventID: UUID
    let eventTitle: String
    let questions: [Question]
    let canAsk: Bool
    let form: AMAQuestionForm
    let errors: [String: String]

    static func build(_ event: CommunityEvent, community: Community, scope: ConversationScope, viewer: UUID, canAsk: Bool,
                      form: AMAQuestionForm = AMAQuestionForm(), errors: [String: String] = [:], on db: any Database) async throws -> AMAPage {
        let threads = try await scope.threads(on: db).filter(\.$event.$id == (try event.requireID())).with(\.$author).all()
        let ids = try threads.map { try $0.requireID() }
        var counts: [UUID: Int] = [:]
        var mine = Set<UUID>()
        if !ids.isEmpty {
            for vote in try await ThreadVote.query(on: db).filter(\.$thread.$id ~~ ids).all() {
                counts[vote.$thread.id, default: 0] += 1
                if vote.$person.id == viewer { mine.insert(vote.$thread.id) }
            }
        }
        let questions = try threads.map { t in
            let id = try t.requireID()
            return Question(id: id, title: t.title, author: t.author.displayName, votes: counts[id] ?? 0, votedByMe: mine.contains(id),
                            answered: t.isAnswered, replies: t.replyCount)
        }.sorted { ($0.votes, $1.title) > ($1.votes, $0.title) }
        return AMAPage(card: try CommunityCard(community), eventID: try event.requireID(), eventTitle: event.title, questions: questions,
                       canAsk: canAsk, form: form, errors: errors)
    }
}

/// A question for an AMA as typed.
struct AMAQuestionForm: Content {
    var title: String?
    var body: String?
}
