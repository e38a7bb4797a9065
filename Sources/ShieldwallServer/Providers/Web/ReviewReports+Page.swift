import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator's queue of reported reviews, and the reviews hidden so far. A review's firm is named only when it
/// did not choose to stay anonymous (`ProviderReviews.moderationAuthor`).
struct ReviewReportsPage: Sendable {
    struct Item: Sendable {
        let reviewID: UUID
        let providerID: UUID
        let provider: String
        let author: ProviderReviews.Author
        let text: String
        let updatedAt: Date
        /// Reason and note of each open report.
        let reports: [(reason: String, note: String, at: Date)]
        let hiddenReason: String?
    }

    let open: [Item]
    let hidden: [Item]

    static func build(on db: any Database) async throws -> ReviewReportsPage {
        let (open, hidden) = try await ModerationActions.queue(on: db)
        return ReviewReportsPage(open: try open.map { try item($0.0, reports: $0.1) }, hidden: try hidden.map { try item($0, reports: []) })
    }

    static func item(_ r: ProviderReview, reports: [ProviderReviewReport]) throws -> Item {
        Item(reviewID: try r.requireID(), providerID: r.$provider.id, provider: r.provider.name,
             author: ProviderReviews.moderationAuthor(firmName: r.organisation.name, anonymous: r.anonymous), text: r.body, updatedAt: r.updatedAt,
             reports: reports.map { ($0.reason, $0.note, $0.createdAt) }, hiddenReason: r.hiddenAt == nil ? nil : (r.hiddenReason ?? ""))
    }
}
