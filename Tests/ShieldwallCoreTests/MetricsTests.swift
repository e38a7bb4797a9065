import Foundation
import XCTest
@testable import ShieldwallCore

final class MetricsTests: XCTestCase {
    func testTheShippedLibraryHasTheIssuesKPIs() throws {
        let library = try KPILibrary.bundled()
        XCTAssertEqual(library.kpis.map(\.id), ["mfa", "devices-updated", "backup-restore", "training-done", "assessment-score", "coach-score",
                                                 "actions-on-time", "advisory-days"])
        XCTAssertEqual(library.kpis.filter { $0.source == .entered }.map(\.id), ["mfa", "devices-updated", "backup-restore"])
        XCTAssertEqual(library.kpi("advisory-days")?.better, .lower)
    }

    func testAValueMustBeANumberInItsUnitsRange() throws {
        let library = try KPILibrary.bundled()
        let mfa = try XCTUnwrap(library.kpi("mfa")), restore = try XCTUnwrap(library.kpi("backup-restore")), days = try XCTUnwrap(library.kpi("advisory-days"))
        XCTAssertEqual(mfa.read("85%"), .success(85))
        XCTAssertEqual(mfa.read("66,67"), .success(66.7))
        XCTAssertEqual(mfa.read("120"), .failure(.outOfRange(0...100)))
        XCTAssertEqual(mfa.read("-1"), .failure(.outOfRange(0...100)))
        XCTAssertEqual(mfa.read("lots"), .failure(.notANumber))
        XCTAssertEqual(mfa.read("nan"), .failure(.notANumber))
        XCTAssertEqual(restore.read("yes"), .success(100))
        XCTAssertEqual(restore.read("maybe"), .failure(.notANumber))
        XCTAssertEqual(days.read("400"), .failure(.outOfRange(0...365)))
        XCTAssertTrue(days.meets(10, target: 14))
        XCTAssertFalse(mfa.meets(80, target: 100))
    }

    func testMonthsAreCheckedAndCounted() {
        let today = CalendarDay.date("2026-12-06")!
        XCTAssertNil(KPIMonth.check("2026-12", today: today))
        XCTAssertNil(KPIMonth.check("2024-12", today: today))
        XCTAssertEqual(KPIMonth.check("2024-11", today: today), .tooOld)
        XCTAssertEqual(KPIMonth.check("2027-01", today: today), .inTheFuture)
        XCTAssertEqual(KPIMonth.check("2026-13", today: today), .notAMonth)
        XCTAssertEqual(KPIMonth.check("next", today: today), .notAMonth)
        XCTAssertEqual(KPIMonth.months(endingWith: "2026-02", count: 3), ["2025-12", "2026-01", "2026-02"])
        XCTAssertEqual(KPIMonth.end("2026-12"), CalendarDay.date("2027-01-01"))
    }

    func testAggregatesAreHiddenBelowKFirms() {
        XCTAssertNil(KPIAggregate.of([50, 60], k: 3), "two firms: hidden")
        XCTAssertNil(KPIAggregate.of([50, 60, 70, 80], k: 5), "k − 1 firms: hidden")
        XCTAssertNil(KPIAggregate.of([50, 60], k: 1), "never below three, whatever k says")
        let three = KPIAggregate.of([70, 50, 60], k: 3)
        XCTAssertEqual(three, KPIAggregate(firms: 3, median: 60, lower: 55, upper: 65))
        let five = KPIAggregate.of([10, 20, 30, 40, 100], k: 5)
        XCTAssertEqual(five?.median, 30)
        XCTAssertEqual(five?.lower, 20)
        XCTAssertEqual(five?.upper, 40)
    }

    func testEachComputedKPIFromItsFacts() {
        let day = { (s: String) in CalendarDay.date(s)! }
        XCTAssertEqual(KPIComputation.trainingDone([.init(statuses: [.done, .done]), .init(statuses: [.done, .overdue]), .init(statuses: [])]), 50)
        XCTAssertNil(KPIComputation.trainingDone([.init(statuses: [])]), "nobody assigned: no value")
        XCTAssertEqual(KPIComputation.assessmentScore([(day("2026-10-01"), 55), (day("2026-11-20"), 68), (day("2026-12-02"), 80)], before: day("2026-12-01")), 68)
        XCTAssertNil(KPIComputation.assessmentScore([(day("2026-12-02"), 80)], before: day("2026-12-01")))
        XCTAssertEqual(KPIComputation.coachScore([(3, 4), (1, 4)]), 50)
        XCTAssertNil(KPIComputation.coachScore([]))
        XCTAssertEqual(KPIComputation.actionsOnTime([("2026-11-10", day("2026-11-10").addingTimeInterval(3600 * 20)), ("2026-11-12", day("2026-11-14")),
                                                     ("2026-11-20", nil)]), 33.3, "done on the due day counts; late and open do not")
        XCTAssertEqual(KPIComputation.advisoryDays([(day("2026-11-01"), day("2026-11-04")), (day("2026-11-02"), day("2026-11-12")),
                                                    (day("2026-11-03"), day("2026-11-08"))]), 5)
    }

    func testAProposedSetNamesKnownKPIsOnceWithTargetsInRange() throws {
        let library = try KPILibrary.bundled()
        guard case .success(let set) = KPISetRules.check([("mfa", "100"), ("advisory-days", "10")], library: library) else { return XCTFail() }
        XCTAssertEqual(set.map(\.kpi), ["mfa", "advisory-days"])
        XCTAssertEqual(KPISetRules.check([], library: library).failureValue, .empty)
        XCTAssertEqual(KPISetRules.check([("uptime", "99")], library: library).failureValue, .unknown("uptime"))
        XCTAssertEqual(KPISetRules.check([("mfa", "90"), ("mfa", "95")], library: library).failureValue, .twice("mfa"))
        XCTAssertEqual(KPISetRules.check([("mfa", "150")], library: library).failureValue, .target("mfa"))
    }
}

extension Result {
    var failureValue: Failure? { if case .failure(let f) = self { f } else { nil } }
}
