import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm writes its one review of a provider, and edits it later with the replaced version kept. Only the firm's
/// admin, only for an approved provider, only once the firm says it uses or used the provider
/// (`ProviderReviews.mayReview`); every problem comes back field by field and nothing is written.
enum ReviewActions {
    /// The form as sent: ratings and practice answers by their keys.
    struct Words: Sendable {
        var ratings: [String: String] = [:]
        var practice: [String: String] = [:]
        var text: String?
        var anonymous = false
        var usesProvider = false
    }

    static func draft(_ words: Words) throws -> ProviderReviews.Draft {
        var problems = ProblemList()
        var ratings: [ProviderReviews.Rating: Int] = [:]
        for rating in ProviderReviews.Rating.allCases {
            guard let raw = words.ratings[rating.rawValue]?.trimmingWhitespace(), !raw.isEmpty else { continue }
            guard let value = Int(raw) else { problems.add("ratings.\(rating.rawValue)", "providers.review.error.rating"); continue }
            ratings[rating] = value
        }
        var practice: [ProviderReviews.PracticeQuestion: ProviderReviews.Answer] = [:]
        for question in ProviderReviews.PracticeQuestion.allCases {
            guard let raw = words.practice[question.rawValue], !raw.isEmpty else { continue }
            guard let answer = ProviderReviews.Answer(rawValue: raw) else { problems.add("practice.\(question.rawValue)", "error.choose-one"); continue }
            practice[question] = answer
        }
        let draft = ProviderReviews.Draft(ratings: ratings, practice: practice, text: (words.text ?? "").trimmingWhitespace(), anonymous: words.anonymous)
        for problem in ProviderReviews.problems(draft) {
            switch problem {
            case .missingRating(let r): problems.add("ratings.\(r.rawValue)", "providers.review.error.rating")
            case .ratingOutOfRange(let r): problems.add("ratings.\(r.rawValue)", "providers.review.error.rating")
            case .tooLong(let max): problems.add("text", "error.too-long", ["max": String(max)])
            default: break
            }
        }
        try problems.throwIfAny()
        return draft
    }

    /// The firm's first review of `provider`.
    static func write(_ provider: Provider, _ words: Words, by person: SignedIn, ctx: ActionContext) async throws -> ProviderReview {
        guard provider.status == .approved else { throw Refusal(.notFound, "providers.error.not-found") }
        let firm = person.organisationID
        let existing = try await firm.asyncMap { try await ProviderScope.review(of: try provider.requireID(), by: $0, on: ctx.db) } ?? nil
        let speaksForProvider = try await ProviderScope.represents(person, provider: try provider.requireID(), on: ctx.db)
        switch ProviderReviews.mayReview(firmOf: person.viewer, declaresUse: words.usesProvider, hasReviewed: existing != nil,
                                         speaksForProvider: speaksForProvider) {
        case .notFirmAdmin?, .providerCannotReview?: throw Refusal(.forbidden, "providers.review.error.admin")
        case .notAUser?: throw ValidationFailure(field: "uses_provider", key: "providers.review.error.uses")
        case .alreadyReviewed?: throw Refusal(.conflict, "providers.review.error.already")
        default: break
        }
        let draft = try draft(words)
        guard let firm else { throw Refusal(.forbidden, "providers.review.error.admin") }
        let review = ProviderReview()
        review.$provider.id = try provider.requireID()
        review.$organisation.id = firm
        review.$author.id = person.personID
        review.apply(draft)
        review.createdAt = ctx.now
        review.updatedAt = ctx.now
        do {
            try await review.create(on: ctx.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Refusal(.conflict, "providers.review.error.already")
        }
        return review
    }

    /// The firm's admin changes the firm's review; the version it replaces is kept.
    static func edit(_ review: ProviderReview, _ words: Words, by person: SignedIn, ctx: ActionContext) async throws {
        guard ProviderAccess.canReviewFor(firm: review.$organisation.id.uuidString, viewer: person.viewer),
              try await !ProviderScope.represents(person, provider: review.$provider.id, on: ctx.db)
        else { throw Refusal(.forbidden, "providers.review.error.admin") }
        let draft = try draft(words)
        try await ctx.db.transaction { tx in
            try await ProviderReviewRevision(replacing: review, by: person.personID, at: ctx.now).create(on: tx)
            review.apply(draft)
            review.$author.id = person.personID
            review.updatedAt = ctx.now
            try await review.update(on: tx)
        }
    }
}
