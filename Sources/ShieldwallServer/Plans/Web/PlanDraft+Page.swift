import Foundation
import ShieldwallCore
import Vapor

/// The draft of the next version: its words, what changed from the current version, and for the facilitator
/// the forms that change it and publish it.
struct PlanDraftPage: Sendable {
    let card: CommunityCard
    let canEdit: Bool
    let number: Int
    let content: PlanContent
    let currentNumber: Int?
    let changes: [PlanDiff.MeasureChange]
    let lines: [PlanDiff.Piece]
    let openProposals: Int
    var errors: [String: String] = [:]
    /// What the facilitator typed in the publish form, kept when it was refused.
    var summary = ""

    static func build(_ card: CommunityCard, state: PlanState, standing: CommunityStanding, openProposals: Int) throws -> PlanDraftPage? {
        guard let draft = state.draft else { return nil }
        let content = try draft.content()
        let base = try state.current?.content() ?? PlanContent(sections: [])
        return PlanDraftPage(card: card, canEdit: PlanAccess.canEdit(standing), number: draft.number, content: content,
                             currentNumber: state.current?.number, changes: PlanDiff.measures(from: base, to: content),
                             lines: PlanDiff.lines(from: base, to: content), openProposals: openProposals)
    }
}

/// One measure as the facilitator edits it, or a new one for a section.
struct PlanMeasureForm: Content {
    var title: String?
    var text: String?
    var section: String?
}

/// The publish form: what changed and why, and whether this is the review.
struct PlanPublishForm: Content {
    var summary: String?
    var review: String?
}
