import Foundation
import XCTest
@testable import ShieldwallCore

/// Folding alike alerts, a device against the firm's policy, and the recommendations rules draw from both.
final class AlertRuleTests: XCTestCase {
    let now = Timestamp.parse("2026-12-04T12:00:00Z") ?? Date()

    func alert(_ minutesAgo: Double, _ kind: IngestAlert.Kind = .bruteForce, address: String = "192.0.2.77", host: String = "nas",
               severity: IngestAlert.Severity = .medium) -> IngestAlert {
        IngestAlert(source: "crowdsec", time: now.addingTimeInterval(-minutesAgo * 60), severity: severity, kind: kind, addresses: [address],
                    host: host, summary: "ssh-bf")
    }

    func testAlikeAlertsWithinTenMinutesOfEachOtherFoldIntoOne() {
        let folded = AlertFolding.fold([alert(30), alert(25, severity: .high), alert(16), alert(1), alert(20, address: "192.0.2.78")])
        XCTAssertEqual(folded.map(\.count), [3, 1, 1], "a gap over ten minutes starts again; another address is another alert")
        XCTAssertEqual(folded[0].alert.severity, .high, "the worst of the folded")
        XCTAssertEqual(folded[0].first, now.addingTimeInterval(-30 * 60))
        XCTAssertEqual(folded[0].last, now.addingTimeInterval(-16 * 60))
        XCTAssertTrue(AlertFolding.joins(alert(5), stored: .init(alert(9)), last: now.addingTimeInterval(-9 * 60)))
        XCTAssertFalse(AlertFolding.joins(alert(5, host: "till"), stored: .init(alert(9)), last: now.addingTimeInterval(-9 * 60)))
    }

    func testADeviceIsJudgedByThePolicyInPlainProblems() {
        let policy = DevicePolicy()
        let days = { (n: Double) in self.now.addingTimeInterval(-n * 86_400) }
        let good = DeviceReport(name: "till-pc", kind: .desktop, lastUpdate: days(3), malwareProtection: true, lastSignatureUpdate: days(1),
                                diskEncrypted: true, lastBackup: days(1))
        XCTAssertEqual(policy.problems(good, now: now), [])
        let laptop = DeviceReport(name: "sam-laptop", kind: .laptop, lastUpdate: days(40), malwareProtection: true, lastSignatureUpdate: days(9),
                                  diskEncrypted: false, lastBackup: nil)
        XCTAssertEqual(policy.problems(laptop, now: now), [.updatesOverdue(days: 40), .signaturesOld(days: 9), .notEncrypted, .neverBackedUp])
        let phone = DeviceReport(name: "shop-phone", kind: .phone, lastUpdate: nil, malwareProtection: false, diskEncrypted: nil)
        XCTAssertEqual(policy.problems(phone, now: now), [.updatesUnknown], "phones need no antivirus or backup here; unknown encryption is not a fault")
    }

    func testRecommendationsFromAlertsAndDevices() {
        let burst = (0..<25).map { alert(Double($0) * 20, address: $0 % 2 == 0 ? "192.0.2.77" : "198.51.100.23") }
        let malware = [alert(60, .malware, address: "203.0.113.9", host: "till-pc", severity: .high)]
        let stale = DeviceReport(name: "back-office", kind: .desktop, lastUpdate: now.addingTimeInterval(-45 * 86_400), malwareProtection: true,
                                 lastBackup: now)
        let found = AlertRules.recommendations(alerts: AlertFolding.fold(burst + malware), devices: [stale], now: now)
        XCTAssertEqual(found.map(\.rule), ["sign-in-attack", "malware", "stale-updates"])
        XCTAssertEqual(found[0].addresses, ["192.0.2.77", "198.51.100.23"], "most alerts first")
        XCTAssertEqual(found[0].figure, 25)
        XCTAssertEqual(found[0].actions, [.blockAddresses, .warnCommunity])
        XCTAssertEqual(found[1].device, "till-pc")
        XCTAssertEqual(found[2].figure, 45)
        // Too few alerts, or an attack from everywhere (nothing to block), or long ago: no recommendation.
        XCTAssertEqual(AlertRules.recommendations(alerts: AlertFolding.fold(Array(burst.prefix(10))), devices: [], now: now), [])
        let everywhere = (0..<30).map { alert(Double($0), address: "192.0.2.\($0 + 1)") }
        XCTAssertEqual(AlertRules.recommendations(alerts: AlertFolding.fold(everywhere), devices: [], now: now), [])
        XCTAssertEqual(AlertRules.recommendations(alerts: AlertFolding.fold(burst), devices: [], now: now.addingTimeInterval(3 * 86_400)), [])
    }
}
