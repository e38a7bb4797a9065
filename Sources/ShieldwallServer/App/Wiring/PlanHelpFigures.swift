import Fluent
import Foundation
import ShieldwallCore

/// Communities' health page counts calls for help (Plans keeps them) through this adapter.
struct PlanHelpFigures: HelpFigureSource {
    func figures(for community: UUID, on db: any Database) async throws -> HelpFigures {
        try await HelpScope.figures(for: community, on: db)
    }
}
