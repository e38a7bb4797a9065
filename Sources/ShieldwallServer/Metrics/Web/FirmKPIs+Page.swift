import Fluent
import Foundation
import ShieldwallCore

/// A firm's KPIs: each over the last months against the target its communities agreed, the month's entry form for
/// the values the platform cannot compute (its admin), and the values as a table. The firm's people only.
struct FirmKPIsPage: Sendable {
    static let months = 6

    struct Row: Sendable {
        let kpi: KPIDefinition
        /// From the agreed set of `community`; nil when no community agreed one for this KPI.
        let target: Double?
        let community: String?
        /// One per month of `months`.
        let values: [Double?]

        var latest: (month: Int, value: Double)? {
            values.indices.reversed().first { values[$0] != nil }.flatMap { i in values[i].map { (i, $0) } }
        }

        var belowTarget: Bool {
            guard let target, let latest else { return false }
            return !kpi.meets(latest.value, target: target)
        }
    }

    let firmID: UUID
    let firmName: String
    let months: [String]
    let rows: [Row]
    let canEnter: Bool
    var month: String
    var typed: [String: String] = [:]
    var errors: [String: String] = [:]

    var entered: [Row] { rows.filter { $0.kpi.source == .entered } }

    static func build(_ firm: Organisation, viewer: SignedIn, on db: any Database, now: Date) async throws -> FirmKPIsPage {
        let id = try firm.requireID()
        let months = KPIMonth.months(endingWith: KPIMonth.of(now), count: Self.months)
        let values = try await KPIMeasurer.values(firms: [id], months: months, now: now, on: db)[id] ?? [:]
        let targets = try await KPIMeasurer.targets(ofFirm: id, on: db)
        let rows = try MetricsContent.library(viewer.language).kpis.map { kpi in
            let agreed = targets.first { $0.kpi == kpi.id }
            return Row(kpi: kpi, target: agreed?.target, community: agreed?.community, values: months.map { values[kpi.id]?[$0] })
        }
        let agreedFirst = rows.filter { $0.target != nil } + rows.filter { $0.target == nil }
        return FirmKPIsPage(firmID: id, firmName: firm.name, months: months, rows: agreedFirst,
                            canEnter: MetricsAccess.canEnter(firm: id.uuidString, viewer: viewer.viewer), month: months.last ?? KPIMonth.of(now))
    }

    /// Every month and KPI with a value, as CSV rows.
    func csv() -> [[String]] {
        [["month", "kpi", "value", "target"]] + months.enumerated().flatMap { i, month in
            rows.compactMap { row in row.values[i].map { [month, row.kpi.id, Format.number($0), row.target.map(Format.number) ?? ""] } }
        }
    }
}
