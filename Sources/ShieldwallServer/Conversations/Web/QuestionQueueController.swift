import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The experts' queue: questions nobody has answered yet, across every community where the person is an
/// expert or the facilitator, oldest first.
struct QuestionQueueController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.questionsQueue, use: queue)
    }

    static func unanswered(for scope: ConversationScope, on db: any Database) async throws -> [ConversationThread] {
        let expertCommunities = scope.roles.filter { ConversationAccess.isExpertAnswer($0.value) }.map(\.key)
        guard !expertCommunities.isEmpty else { return [] }
        return try await scope.threads(on: db).filter(\.$community.$id ~~ expertCommunities)
            .unansweredQuestions()
            .sort(\.$createdAt, .ascending).limit(200).with(\.$author).with(\.$community).all()
    }

    @Sendable func queue(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let scope = try await ConversationScope.of(person, on: req.db)
        let isExpert = scope.roles.values.contains { ConversationAccess.isExpertAnswer($0) }
        let questions = try await Self.unanswered(for: scope, on: req.db)
        let ctx = try await req.pageContext()
        return Layout.page(ctx, title: ctx.t("questions.title"), content: [
            .p(.text(ctx.t(isExpert ? "questions.intro" : "questions.not-expert"))),
            Table.render(caption: ctx.t("questions.caption"),
                         headers: [ctx.t("thread.title-field"), ctx.t("questions.community"), ctx.t("thread.started-by"), ctx.t("questions.asked"),
                                   ctx.t("thread.replies")],
                         rows: questions.map { t in [
                            .a(.href(SiteURL.thread(t.id ?? UUID()).path), .text(t.title)),
                            .a(.href(SiteURL.communityDiscussions(t.community.slug).path), .text(t.community.name)),
                            .text(t.author.displayName), Format.time(t.createdAt), .text(String(t.replyCount)),
                         ] }, empty: ctx.t("questions.empty")),
        ])
    }
}

extension QueryBuilder where Model == ConversationThread {
    /// Questions with neither an expert's reply nor a marked answer (`ConversationThread.isAnswered` as SQL).
    func unansweredQuestions() -> Self {
        filter(\.$kind == ThreadKind.question).filter(\.$acceptedPostID == nil).filter(\.$firstExpertAnswerAt == nil)
    }
}
