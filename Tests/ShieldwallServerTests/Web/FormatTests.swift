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

    /// An event's time reads in its own zone, as the `DateFormatter`s it replaced wrote it (summer time included).
    func testAnEventReadsInItsOwnTimeZone() throws {
        func local(_ start: TimeInterval, zone: String) throws -> String {
            let event = CommunityEvent(communityID: UUID(), kind: .webinar, title: "Meet", description: "", startsAt: Date(timeIntervalSince1970: start),
                                       endsAt: Date(timeIntervalSince1970: start + 3_600), timeZone: zone, location: "", capacity: nil, seriesID: nil,
                                       createdByID: nil, createdAt: Date())
            event.id = UUID()
            return try EventSummary(event, slug: "c").localTime
        }
        XCTAssertEqual(try local(1_800_036_000, zone: "Europe/London"), "Fri 15 Jan 2027, 18:00–19:00 (Europe/London)")
        XCTAssertEqual(try local(1_815_670_800, zone: "Europe/London"), "Thu 15 Jul 2027, 18:00–19:00 (Europe/London)")
        XCTAssertEqual(try local(1_800_036_000, zone: "America/New_York"), "Fri 15 Jan 2027, 13:00–14:00 (America/New_York)")
    }
}
