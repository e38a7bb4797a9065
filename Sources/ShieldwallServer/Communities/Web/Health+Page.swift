import Fluent
import Foundation
import ShieldwallCore

/// Community health for the facilitator and operators: figures, never content.
struct HealthPage: Sendable {
    let card: CommunityCard
    let figures: CommunityHealth
    let conversations: ConversationFigures
    let plan: PlanFigures
    let guidance: SizeGuidance
    /// Members see the way back to the community; operators a note that they see figures only.
    let isMember: Bool

    static func build(_ community: Community, standing: CommunityStanding, conversations source: any ConversationFigureSource,
                      plans: any PlanFigureSource, on db: any Database, now: Date) async throws -> HealthPage {
        HealthPage(card: try CommunityCard(community), figures: try await HealthReport.figures(for: community, on: db, now: now),
                   conversations: try await source.figures(for: try community.requireID(), on: db, now: now),
                   plan: try await plans.figures(for: try community.requireID(), on: db),
                   guidance: community.guidance, isMember: CommunityAccess.canSeeContent(standing))
    }
}
