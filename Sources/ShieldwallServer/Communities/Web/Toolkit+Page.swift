import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The engagement rhythm as the facilitator chooses it: which series, from when, for how many months.
struct RhythmForm: Content {
    var time_zone: String?
    var months: String?
    var webinar: String?
    var webinar_starts: String?
    var in_person: String?
    var in_person_starts: String?
    var in_person_location: String?
    var ama: String?
    var ama_starts: String?
}

/// One step of the setup toolkit: 1 purpose and kind, 2 charter, 3 invitations, 4 engagement rhythm.
struct ToolkitPage: Sendable {
    static let steps = 4

    enum Step: Sendable {
        case purpose(CommunityPurposeForm)
        case charter(text: String)
        /// Who can be invited and who was; `aboveGuidance` after an invitation past the size guidance.
        case invitations(CommunityOverviewPage, sent: [(name: String, status: CommunityInvitation.Status)], aboveGuidance: Bool)
        case rhythm(RhythmForm)

        var number: Int {
            switch self {
            case .purpose: 1
            case .charter: 2
            case .invitations: 3
            case .rhythm: 4
            }
        }
    }

    let card: CommunityCard
    let step: Step
    let errors: [String: String]

    /// Step `number` as it stands: what the community holds now, or what a new facilitator starts from.
    static func build(_ community: Community, standing: CommunityStanding, step number: Int, language: String, aboveGuidance: Bool,
                      on db: any Database, now: Date) async throws -> ToolkitPage {
        let step: Step
        switch number {
        case 1:
            step = .purpose(CommunityPurposeForm(community))
        case 2:
            let current = try await CharterVersion.query(on: db).filter(\.$community.$id == community.requireID())
                .filter(\.$version == community.charterVersion).first()?.text
            step = .charter(text: current ?? CommunityActions.charterTemplate(for: community.name, language: language))
        case 3:
            let sent = try await CommunityInvitation.query(on: db).filter(\.$community.$id == community.requireID())
                .with(\.$organisation).with(\.$person).sort(\.$createdAt).all()
                .map { (name: $0.organisation?.name ?? $0.person?.displayName ?? "", status: $0.status) }
            step = .invitations(try await CommunityOverviewPage.build(community, standing: standing, on: db, now: now), sent: sent,
                                aboveGuidance: aboveGuidance)
        default:
            step = .rhythm(RhythmForm(time_zone: "Europe/London", months: "6"))
        }
        return ToolkitPage(card: try CommunityCard(community), step: step, errors: [:])
    }
}
