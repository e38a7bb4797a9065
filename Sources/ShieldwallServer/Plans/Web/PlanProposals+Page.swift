import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Members' proposals: the open ones with what they would change, word by word, and the decided ones with the
/// facilitator's reason.
struct PlanProposalsPage: Sendable {
    struct Row: Sendable {
        let id: UUID
        let kind: PlanProposal.Kind
        let status: PlanProposal.Status
        let baseVersion: Int
        let section: String
        /// The measure's title as it was, for edits and removals.
        let measureTitle: String?
        let title: String
        let words: [PlanDiff.Piece]
        let reason: String
        let author: String
        let createdAt: Date
        let decisionReason: String?
        let decidedBy: String?
    }

    let card: CommunityCard
    let canEdit: Bool
    let open: [Row]
    let decided: [Row]
    var errors: [String: String] = [:]

    static func build(_ card: CommunityCard, state: PlanState, standing: CommunityStanding, on db: any Database) async throws -> PlanProposalsPage {
        let proposals = try await PlanProposal.query(on: db).filter(\.$plan.$id == state.plan.requireID())
            .with(\.$author).with(\.$decidedBy).sort(\.$createdAt, .descending).all()
        var contents: [Int: PlanContent] = [:]
        for v in state.published { contents[v.number] = try v.content() }
        let rows = proposals.compactMap { p -> Row? in
            guard let id = p.id else { return nil }
            let base = contents[p.baseVersion]
            let before = p.measureID.flatMap { base?.measure($0) }
            let words: [PlanDiff.Piece]
            switch p.kind {
            case .edit: words = PlanDiff.words(from: (before?.title ?? "") + "\n" + (before?.text ?? ""), to: p.title + "\n" + p.text)
            case .add: words = [.added(p.title + "\n" + p.text)]
            case .remove: words = [.removed((before?.title ?? "") + "\n" + (before?.text ?? ""))]
            }
            let section = p.section?.rawValue ?? p.measureID.flatMap { base?.section(of: $0)?.rawValue } ?? ""
            return Row(id: id, kind: p.kind, status: p.status, baseVersion: p.baseVersion, section: section, measureTitle: before?.title,
                       title: p.title, words: words, reason: p.reason, author: p.author.displayName, createdAt: p.createdAt,
                       decisionReason: p.decisionReason, decidedBy: p.decidedBy?.displayName)
        }
        return PlanProposalsPage(card: card, canEdit: PlanAccess.canEdit(standing), open: rows.filter { $0.status == .open },
                                 decided: rows.filter { $0.status != .open })
    }
}

/// The form a member proposes a change with: an edit or removal of a measure, or a new one in a section.
struct PlanProposalFormPage: Sendable {
    let card: CommunityCard
    let baseVersion: Int
    /// The measure as it stands, when one is changed.
    let measure: PlanMeasure?
    let section: PlanSectionKind
    var form: PlanProposalForm
    var errors: [String: String] = [:]
}

struct PlanProposalForm: Content {
    /// `edit`, `add` or `remove`.
    var kind: String?
    var measure: String?
    var section: String?
    var title: String?
    var text: String?
    var reason: String?
    var base_version: Int?
}

struct PlanDecisionForm: Content {
    /// `accept` or `decline`.
    var decision: String?
    var reason: String?
}
