import Fluent
import Foundation
import ShieldwallCore

/// The conversation figures of a community's health over the last 90 days. Counts only leave here:
/// no titles, no names — operators see them for any community.
struct ConversationHealth: ConversationFigureSource {
    static let window: TimeInterval = 90 * 86_400

    func figures(for communityID: UUID, on db: any Database, now: Date) async throws -> ConversationFigures {
        let since = now.addingTimeInterval(-Self.window)
        let threads = try await ConversationThread.query(on: db).filter(\.$community.$id == communityID).filter(\.$createdAt >= since).all()
        let questions = threads.filter { $0.kind == .question }.map {
            ConversationFigures.Question(askedAt: $0.createdAt, firstExpertAnswerAt: $0.firstExpertAnswerAt, accepted: $0.acceptedPostID != nil)
        }
        var posters = Set(threads.map { $0.$author.id })
        posters.formUnion(try await ThreadPost.query(on: db).join(ConversationThread.self, on: \ThreadPost.$thread.$id == \ConversationThread.$id)
            .filter(ConversationThread.self, \.$community.$id == communityID).filter(\.$createdAt >= since).values(\.$author.$id))
        return ConversationFigures(questions: questions, posters: posters.count)
    }
}
