import Fluent
import Foundation
import ShieldwallCore

/// Plans shows the KPI set its community agreed (Metrics) through this adapter.
struct PlanKPIsFromMetrics: PlanKPIs {
    func agreed(community: UUID, localiser: Localiser, on db: any Database) async throws -> [String] {
        guard let set = try await KPIMeasurer.agreedSets(of: [community], on: db)[community] else { return [] }
        let library = try MetricsContent.library(localiser.language)
        return try set.items().compactMap { item in
            library.kpi(item.kpi).map { kpi in
                let n = Format.number(item.target, language: localiser.language)
                let target = switch kpi.unit {
                case .percent: n + "%"
                case .score: n
                case .days: localiser.text("kpi.days", ["days": n])
                case .yesNo: localiser.text(item.target >= 50 ? "kpi.yes" : "kpi.no")
                }
                return localiser.text("plan.kpi-line", ["kpi": kpi.title, "target": target])
            }
        }
    }
}
