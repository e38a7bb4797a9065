import Fluent
import Foundation
import ShieldwallCore

/// Communities' health page counts the plan's sign-off and the calls for help (Plans keeps both) through this adapter.
struct PlanHealthFigures: PlanFigureSource {
    func figures(for community: UUID, on db: any Database) async throws -> PlanFigures {
        var current: Int?, signed = 0, firms = 0
        if let state = try await PlanScope.state(of: community, on: db), let plan = state.current?.number {
            current = plan
            let signatures = try await PlanScope.signatures(of: state.plan, communityID: community, on: db)
            firms = signatures.count
            signed = signatures.filter { $0.1 == plan }.count
        }
        return PlanFigures(currentVersion: current, firmsOnCurrent: signed, firms: firms, help: try await HelpScope.figures(for: community, on: db))
    }
}
