import Foundation
import XCTest
@testable import ShieldwallCore

/// The API takes any RFC 3339 date-time its OpenAPI document allows (`format: date-time`), not only what
/// Foundation's ISO 8601 parsing takes.
final class RFC3339Tests: XCTestCase {
    func testDateTimesAsRFC3339WritesThem() throws {
        let base = try XCTUnwrap(ISO8601.date("2026-12-01T09:30:00Z"))
        XCTAssertEqual(ISO8601.format(Int(base.timeIntervalSince1970)), "2026-12-01T09:30:00Z")
        XCTAssertEqual(ISO8601.date("2026-12-01t09:30:00z"), base, "lower-case t and z")
        XCTAssertEqual(ISO8601.date("2026-12-01T10:30:00+01:00"), base)
        XCTAssertEqual(ISO8601.date("2026-12-01T09:30:00.250Z")?.timeIntervalSince(base), 0.25)
        XCTAssertEqual(ISO8601.date("2026-12-01T00:00:00-20:27")?.timeIntervalSince1970,
                       Double(ISO8601.days(year: 2026, month: 12, day: 1) * 86_400 + 20 * 3600 + 27 * 60), "an offset past ±18:00")
        XCTAssertNotNil(ISO8601.date("0167-11-18T17:39:48.185916+12:12"))
    }

    func testWhatIsNotADateTimeIsRefused() {
        for text in ["", "2026-12-01", "2026-12-01T09:30:00", "2026-13-01T09:30:00Z", "2026-12-01T24:00:00Z", "2026-12-01T09:30:00.Z",
                     "2026-12-01T09:30:00+0100", "2026-12-01T09:30:00Z ", "２０２６-12-01T09:30:00Z"] {
            XCTAssertNil(ISO8601.date(text), text)
        }
    }
}
