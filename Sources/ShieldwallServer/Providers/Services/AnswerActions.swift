import Fluent
import Foundation
import ShieldwallCore

/// The provider's answer under a review: one per review, written and rewritten by the provider's own people
/// (`ProviderAccess.canAnswer`). The review itself stays as its firm wrote it.
enum AnswerActions {
    static func answer(_ review: ProviderReview, text raw: String?, by person: SignedIn, ctx: ActionContext) async throws -> ProviderReviewAnswer {
        let represents = try await ProviderScope.represents(person, provider: review.$provider.id, on: ctx.db)
        guard ProviderAccess.canAnswer(representsProvider: represents) else { throw Refusal(.forbidden, "providers.answer.error.who") }
        var problems = ProblemList()
        let text = problems.text("answer", raw, maxLength: ProviderReviews.maxAnswer)
        try problems.throwIfAny()
        let reviewID = try review.requireID()
        let answer = try await ProviderReviewAnswer.query(on: ctx.db).filter(\.$review.$id == reviewID).first() ?? ProviderReviewAnswer()
        if answer.id == nil {
            answer.$review.id = reviewID
            answer.createdAt = ctx.now
        }
        answer.$author.id = person.personID
        answer.body = text
        answer.updatedAt = ctx.now
        do {
            try await answer.save(on: ctx.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Refusal(.conflict, "providers.answer.error.at-once")
        }
        return answer
    }
}
