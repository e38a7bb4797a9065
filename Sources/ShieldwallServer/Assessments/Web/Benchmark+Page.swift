import Fluent
import Foundation
import ShieldwallCore

/// The community benchmark: for members (with their own firm's place) and, as community figures only, for
/// the facilitator and operators — hidden under k contributing firms.
struct BenchmarkPage: Sendable {
    let communityName: String
    let communitySlug: String
    let bank: QuestionBank
    let figures: CommunityBenchmark
    /// A member sees the figures with their firm's place; others (operators) the figures alone.
    let isMember: Bool

    static func build(_ community: Community, standing: CommunityStanding, viewer person: SignedIn, minimumFirms k: Int,
                      on db: any Database, now: Date) async throws -> BenchmarkPage {
        let member = CommunityAccess.canSeeContent(standing)
        // A firm's own place is shown only to its people, and only when they are members here.
        let bank = try AssessmentContent.bank(person.language)
        let figures = try await BenchmarkReport.figures(for: community, viewerFirm: member ? person.organisationID : nil, bank: bank, k: k,
                                                        on: db, now: now)
        return BenchmarkPage(communityName: community.name, communitySlug: community.slug, bank: bank, figures: figures, isMember: member)
    }
}
