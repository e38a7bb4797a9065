import Foundation
import XCTest
@testable import ShieldwallCore

/// Each tool's native output read into our alerts (the samples in `Tests/Fixtures/integrations/`), and what is refused.
final class AlertAdapterTests: XCTestCase {
    let now = Timestamp.parse("2026-12-04T12:00:00Z") ?? Date()

    func sample(_ name: String) throws -> Data { try Data(contentsOf: Fixtures.integrations.appendingPathComponent(name)) }

    func read(_ name: String, _ format: AlertFormat) throws -> AlertBatch {
        switch AlertAdapters.read(try sample(name), format: format, now: now) {
        case .success(let batch): return batch
        case .failure(let failure): XCTFail("\(name): \(failure)"); throw failure
        }
    }

    func testTimesAsToolsWriteThem() {
        XCTAssertEqual(Timestamp.parse("2026-12-04T09:12:43.501522907Z")?.timeIntervalSince1970 ?? 0, 1_796_375_563.501_522_9, accuracy: 0.000_01)
        XCTAssertEqual(Timestamp.parse("2026-12-04T08:01:12.331+0000"), Timestamp.parse("2026-12-04T08:01:12.331Z"))
        XCTAssertEqual(Timestamp.parse("2026-12-04T09:40:00+01:00"), Timestamp.parse("2026-12-04T08:40:00Z"))
        for bad in ["", "2026-12-04", "2026-02-30T00:00:00Z", "2026-12-04T25:00:00Z", "2026-12-04T08:00:00+", "2026-12-04T08:00:00Zjunk", "2026-12-04T08:00:00."] {
            XCTAssertNil(Timestamp.parse(bad), bad)
        }
    }

    func testCrowdSecsHTTPPluginBody() throws {
        let batch = try read("crowdsec-http.json", .crowdsec)
        XCTAssertEqual(batch.problems, [])
        XCTAssertEqual(batch.skipped, 1, "a range alert is not about one address")
        XCTAssertEqual(batch.alerts.map(\.kind), [.bruteForce, .scan])
        XCTAssertEqual(batch.alerts.map(\.severity), [.high, .medium], "banned is high; a simulated ban is not")
        XCTAssertEqual(batch.alerts.map(\.addresses), [["198.51.100.23"], ["2001:db8::5"]])
        XCTAssertEqual(batch.alerts[0].host, "shop-server")
        XCTAssertTrue(batch.alerts[0].summary.hasSuffix("(6 events)"), batch.alerts[0].summary)
        XCTAssertEqual(batch.alerts[0].time, Timestamp.parse("2026-12-04T09:12:43.501522907Z"))
    }

    func testWazuhAlertsOnePerLine() throws {
        let batch = try read("wazuh-alerts.json", .wazuh)
        XCTAssertEqual(batch.problems, [])
        XCTAssertEqual(batch.alerts.map(\.kind), [.bruteForce, .malware, .webAttack])
        XCTAssertEqual(batch.alerts.map(\.severity), [.high, .medium, .low])
        XCTAssertEqual(batch.alerts.map(\.host), ["office-nas", "till-pc", "office-nas"])
        XCTAssertEqual(batch.alerts[0].addresses, ["192.0.2.77"])
        XCTAssertEqual(batch.alerts[1].addresses, [], "rootcheck names no address")
    }

    func testSuricataEVEKeepsOnlyAlertEvents() throws {
        let batch = try read("suricata-eve.json", .suricata)
        XCTAssertEqual(batch.problems, [])
        XCTAssertEqual(batch.skipped, 3, "flow, dns and stats events")
        XCTAssertEqual(batch.alerts.map(\.kind), [.intrusion, .malware])
        XCTAssertEqual(batch.alerts.map(\.severity), [.medium, .high], "Suricata's 1 is the worst")
        XCTAssertEqual(batch.alerts.map(\.addresses), [["192.0.2.44"], ["2001:db8:1::9"]], "the source, not the firm's own address")
        XCTAssertEqual(batch.alerts[0].summary, "ET SCAN Potential SSH Scan")
    }

    func testClamAVLines() throws {
        let batch = try read("clamav.log", .clamav)
        XCTAssertEqual(batch.problems, [])
        XCTAssertEqual(batch.skipped, 1, "the OK line")
        XCTAssertEqual(batch.alerts.count, 3)
        XCTAssertEqual(batch.alerts.map(\.host), ["till-pc", "office-nas", ""])
        XCTAssertEqual(batch.alerts[0].summary, "Win.Trojan.Agent-1234567 found in /home/sam/Downloads/invoice-0412.pdf.exe")
        XCTAssertEqual(batch.alerts[0].time, Timestamp.parse("2026-12-04T08:20:11Z"), "syslog's year is this one")
        XCTAssertEqual(batch.alerts[2].time, now, "a bare clamdscan line is timed when it arrives")
        XCTAssertTrue(batch.alerts.allSatisfy { $0.kind == .malware && $0.severity == .high })
        // A December line read in early January belongs to last December.
        let january = Timestamp.parse("2027-01-02T00:00:00Z") ?? now
        guard case .success(let late) = AlertAdapters.read(Data("Dec 31 23:59:00 pc clamd[1]: /x: Eicar-Signature FOUND".utf8), format: .clamav, now: january)
        else { return XCTFail() }
        XCTAssertEqual(late.alerts.first?.time, Timestamp.parse("2026-12-31T23:59:00Z"))
    }

    func testOurOwnFormatReadsDefangedAddressesAndNamesTheBadItem() throws {
        let batch = try read("shieldwall-alerts.json", .shieldwall)
        XCTAssertEqual(batch.alerts.map(\.source), ["router", "shieldwall"])
        XCTAssertEqual(batch.alerts[1].addresses, ["198.51.100.23"], "defanged as people paste it")
        XCTAssertEqual(batch.alerts[1].time, Timestamp.parse("2026-12-04T07:40:00Z"))
        let body = #"{"alerts":[{"time":"2026-12-04T08:00:00Z","severity":"medium","kind":"scan","summary":"ok"},{"time":"2026-12-04T08:00:00Z","severity":"dire","kind":"scan","summary":"x"},{"time":"2026-12-04T08:00:00Z","severity":"low","kind":"scan","addresses":["not-an-ip"],"summary":"x"},{"time":"2027-06-01T00:00:00Z","severity":"low","kind":"scan","summary":"x"},{"severity":"low","kind":"scan","summary":"x"}]}"#
        guard case .success(let mixed) = AlertAdapters.read(Data(body.utf8), format: .shieldwall, now: now) else { return XCTFail() }
        XCTAssertEqual(mixed.alerts.count, 1)
        XCTAssertEqual(mixed.problems.map(\.item), [2, 3, 4, 5])
        XCTAssertEqual(mixed.problems[0].reason, "severity: \"dire\" is not one of its values")
        XCTAssertEqual(mixed.problems[1].reason, "\"not-an-ip\" is not an IP address")
        XCTAssertEqual(mixed.problems[2].reason, "its time is more than 5 minutes ahead of ours")
        XCTAssertEqual(mixed.problems[3].reason, "time is missing")
    }

    func testBodiesThatAreNoBatchAreRefusedWhole() {
        func failure(_ text: String, _ format: AlertFormat) -> AlertAdapters.Failure? {
            if case .failure(let f) = AlertAdapters.read(Data(text.utf8), format: format, now: now) { return f }
            return nil
        }
        XCTAssertEqual(failure("{", .shieldwall), .unreadable("the body is not JSON; expected an object with \"alerts\""))
        XCTAssertEqual(failure(#"{"alerts": 3}"#, .shieldwall), .unreadable("the JSON is not an object with \"alerts\""))
        XCTAssertEqual(failure(#"{"scenario":"x"}"#, .crowdsec), .unreadable("the JSON is not a JSON array of CrowdSec alerts"))
        XCTAssertEqual(failure("[]", .crowdsec), .empty)
        XCTAssertEqual(failure("just words", .suricata), .unreadable("the body is not JSON; expected Suricata EVE JSON"))
        let many = "[" + Array(repeating: #"{"scenario":"x","source":{"scope":"Range","value":"192.0.2.0/24"}}"#, count: 1_001).joined(separator: ",") + "]"
        XCTAssertEqual(failure(many, .crowdsec), .tooMany(max: 1_000))
    }
}
