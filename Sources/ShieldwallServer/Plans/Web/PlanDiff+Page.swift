import Foundation
import ShieldwallCore

/// Two versions side by side, as changes: measure by measure, then line by line.
struct PlanDiffPage: Sendable {
    let card: CommunityCard
    /// Every version that can be compared (published ones, and the draft for those who may see it).
    let numbers: [Int]
    let from: Int
    let to: Int
    let changes: [PlanDiff.MeasureChange]
    let lines: [PlanDiff.Piece]

    /// Nil when either version does not exist among `numbers`; by default the current version against the one before.
    static func build(_ card: CommunityCard, state: PlanState, from: Int?, to: Int?) throws -> PlanDiffPage? {
        let versions = state.published
        guard let newest = versions.last else { return nil }
        let to = to ?? newest.number
        guard to > 0 else { return nil }  // versions count from 1 (and `to - 1` must not overflow on Int.min)
        let from = from ?? (to - 1)
        guard let a = versions.first(where: { $0.number == from }), let b = versions.first(where: { $0.number == to }) else { return nil }
        let old = try a.content(), new = try b.content()
        return PlanDiffPage(card: card, numbers: versions.map(\.number), from: from, to: to,
                            changes: PlanDiff.measures(from: old, to: new), lines: PlanDiff.lines(from: old, to: new))
    }
}
