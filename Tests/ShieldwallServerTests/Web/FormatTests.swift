import Foundation
import XCTest
@testable import ShieldwallServer

/// Dates on pages read as before the formatter stopped using ICU: the same text as a POSIX DateFormatter in UTC.
final class FormatTests: XCTestCase {
    func testDatesReadInUTCToTheMinute() {
        let reference = DateFormatter()
        reference.locale = Locale(identifier: "en_US_POSIX")
        reference.timeZone = TimeZone(identifier: "UTC")
        reference.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        for seconds in [0.0, 1_800_000_000, 1_800_000_059.9, 1_735_689_599, 4_102_444_800] {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(Format.dateTime(date), reference.string(from: date))
            XCTAssertEqual(Format.iso(date), ISO8601DateFormatter().string(from: date))
        }
        XCTAssertEqual(Format.dateTime(Date(timeIntervalSince1970: 1_800_000_000)), "2027-01-15 08:00 UTC")
    }
}
