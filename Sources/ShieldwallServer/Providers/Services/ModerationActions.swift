import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Reporting a review, and the operator's decision on reported ones: hide it (its firm still sees it, and why),
/// keep it, or show a hidden one again. The operator decides without learning who wrote an anonymous review.
enum ModerationActions {
    /// One report per person and review.
    static func report(_ review: ProviderReview, reason raw: String?, note rawNote: String?, by person: SignedIn, ctx: ActionContext) async throws {
        var problems = ProblemList()
        let reason = raw.flatMap(ProviderReviews.ReportReason.init(rawValue:))
        if reason == nil { problems.add("reason", "error.choose-one") }
        let note = (rawNote ?? "").trimmingWhitespace()
        if note.count > ProviderReviews.maxReportNote { problems.add("note", "error.too-long", ["max": String(ProviderReviews.maxReportNote)]) }
        if reason == .other && note.isEmpty { problems.add("note", "providers.report.error.say-why") }
        try problems.throwIfAny()
        let row = ProviderReviewReport()
        row.$review.id = try review.requireID()
        row.$reporter.id = person.personID
        row.reason = reason?.rawValue ?? ""
        row.note = note
        row.createdAt = ctx.now
        do {
            try await row.create(on: ctx.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Refusal(.conflict, "providers.report.error.already")
        }
    }

    /// The operator's decision; every open report of the review is closed with it, in one transaction.
    static func decide(_ review: ProviderReview, decision raw: String?, reason rawReason: String?, by person: SignedIn, ctx: ActionContext) async throws {
        guard ProviderAccess.canModerate(person.viewer) else { throw Refusal(.forbidden, "providers.moderation.error.operator") }
        guard let decision = raw.flatMap(ProviderReviews.ModerationDecision.init(rawValue:)) else {
            throw ValidationFailure(field: "decision", key: "error.choose-one")
        }
        var problems = ProblemList()
        var reason = ""
        if decision == .hide { reason = problems.text("reason", rawReason, maxLength: ProviderReviews.maxReportNote) }
        if decision == .restore && review.hiddenAt == nil { problems.add("decision", "providers.moderation.error.not-hidden") }
        if decision == .hide && review.hiddenAt != nil { problems.add("decision", "providers.moderation.error.hidden") }
        try problems.throwIfAny()
        let reviewID = try review.requireID(), hiddenReason = reason
        try await ctx.db.transaction { tx in
            switch decision {
            case .hide: review.hiddenAt = ctx.now; review.hiddenReason = hiddenReason
            case .restore: review.hiddenAt = nil; review.hiddenReason = nil
            case .keep: break
            }
            try await review.update(on: tx)
            try await ProviderReviewReport.query(on: tx).filter(\.$review.$id == reviewID).filter(\.$decision == nil)
                .set(\.$decision, to: decision.rawValue).set(\.$decidedBy.$id, to: person.personID).set(\.$decidedAt, to: ctx.now).update()
        }
    }

    /// Reviews with reports waiting for a decision, oldest report first, and the hidden ones.
    static func queue(on db: any Database) async throws -> (open: [(ProviderReview, [ProviderReviewReport])], hidden: [ProviderReview]) {
        let reports = try await ProviderReviewReport.query(on: db).filter(\.$decision == nil).sort(\.$createdAt).limit(500).all()
        let ids = Array(Set(reports.map(\.$review.id)))
        let reviews = ids.isEmpty ? [] : try await ProviderReview.query(on: db).filter(\.$id ~~ ids).with(\.$provider).with(\.$organisation).all()
        let byReview = Dictionary(grouping: reports, by: { $0.$review.id })
        let open = reviews.compactMap { r in r.id.flatMap { byReview[$0] }.map { (r, $0) } }
            .sorted { ($0.1.first?.createdAt ?? .distantPast) < ($1.1.first?.createdAt ?? .distantPast) }
        let hidden = try await ProviderReview.query(on: db).filter(\.$hiddenAt != nil).with(\.$provider).with(\.$organisation)
            .sort(\.$hiddenAt, .descending).limit(100).all()
        return (open, hidden)
    }
}
