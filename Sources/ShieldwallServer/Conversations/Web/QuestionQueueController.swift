import Foundation
import Vapor

/// The experts' queue: questions nobody has answered yet, across every community where the person is an
/// expert or the facilitator, oldest first.
struct QuestionQueueController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.questionsQueue, use: queue)
    }

    @Sendable func queue(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let page = try await QuestionQueuePage.build(scope: try await ConversationScope.of(person, req), on: req.db)
        return QuestionQueueView.page(try await req.pageContext(), page)
    }
}
