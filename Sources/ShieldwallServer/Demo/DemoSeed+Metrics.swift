import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The micro-business circle agreed four KPIs three months ago; its firms have entered six months of the values only
/// they know, rising slowly. Hartley's Bakery is below its target on accounts with a second step (75% of 100%).
extension DemoSeed {
    static func seedMetrics(app: Application, now: Date) async throws {
        let db = app.db
        guard let circle = try await Community.query(on: db).filter(\.$slug == Slug.make(from: communityPlans[0].name)).first(),
              let sarah = try await Person.query(on: db).filter(\.$email == firms[0].admin.1).first() else { return }
        let circleID = try circle.requireID()
        let set = KPISet()
        set.$community.id = circleID
        set.status = .agreed
        set.setItems([KPISet.Item(kpi: "mfa", target: 100), KPISet.Item(kpi: "devices-updated", target: 85), KPISet.Item(kpi: "backup-restore", target: 100),
                      KPISet.Item(kpi: "assessment-score", target: 50)])
        set.note = "Four measures we can all follow each month; the three only you know take two minutes to enter. Training comes next, once every firm has assigned its first course."
        set.$proposedBy.id = sarah.id
        set.createdAt = now.addingTimeInterval(-100 * 86_400)
        set.decidedAt = now.addingTimeInterval(-90 * 86_400)
        try await set.create(on: db)
        let months = KPIMonth.months(endingWith: KPIMonth.of(now), count: 6)
        let firmIDs = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == circleID).filter(\.$status == .active).values(\.$organisation.$id)
        let bakery = sarah.$organisation.id
        var generator = SplitMix64(seed: 0x5EED_4B91)
        for firm in firmIDs {
            let start = Double(Int.random(in: 55...80, using: &generator))
            for (i, month) in months.enumerated() {
                let mfa = firm == bakery ? [50, 55, 60, 70, 75, 75][i] : min(100, start + Double(i * Int.random(in: 2...6, using: &generator)))
                let devices = firm == bakery ? Double([80, 84, 86, 88, 90, 92][i]) : min(100, start + 10 + Double(i * 3))
                let restored = firm == bakery ? (i >= 3 ? 100.0 : 0) : (Int.random(in: 0..<3, using: &generator) > 0 ? 100.0 : 0)
                for (kpi, value) in [("mfa", Double(mfa)), ("devices-updated", devices), ("backup-restore", restored)] {
                    let row = KPIValue()
                    row.$organisation.id = firm
                    row.kpiID = kpi
                    row.month = month
                    row.value = value
                    row.enteredAt = KPIMonth.end(month).map { min($0, now).addingTimeInterval(-3_600) } ?? now
                    try await row.create(on: db)
                }
            }
        }
    }
}
