import Fluent
import Foundation
import ShieldwallCore

extension DemoScale {
    /// Days before now of each firm's self-assessments: one a quarter for a year, then a recent one.
    static let assessmentDaysAgo: [Double] = [360, 270, 180, 90, 10]

    /// Five submitted self-assessments per generated firm (100 a unit; 9,900 at `--scale 100`), taken by its admin
    /// through `AssessmentActions` as on the page: early gaps first, fewer each time, so benchmarks and progress show.
    static func seedAssessments(_ firms: [(organisation: Organisation, admin: Person)], now: Date, on db: any Database) async throws -> Int {
        let bank = try AssessmentContent.bank()
        let profiles = [DemoSeed.shop, DemoSeed.office, DemoSeed.counter, DemoSeed.factory]
        var made = 0
        for (f, firm) in firms.enumerated() {
            let signed = try SignedIn(person: firm.admin, organisation: firm.organisation, sessionID: nil, stage: .full)
            let orgID = try firm.organisation.requireID()
            let profile = profiles[f % profiles.count]
            for (round, daysAgo) in assessmentDaysAgo.enumerated() {
                let gaps = round < 2 ? DemoSeed.early : round < 4 ? DemoSeed.middle : (f % 2 == 0 ? ["bk-tested": "no"] : [:])
                try await DemoSeed.takeAssessment(org: orgID, by: signed, profile: profile, gaps: gaps, bank: bank, on: db,
                                                  at: now.addingTimeInterval(-daysAgo * 86_400))
                made += 1
            }
        }
        return made
    }
}
