import XCTest
@testable import ShieldwallServer

/// Numbers and months as the reader's language writes them (issue #31); forms and files keep one way for machines.
final class FormatLanguageTests: XCTestCase {
    func testNumbersAndMonthsFollowTheLanguage() throws {
        XCTAssertEqual(Format.number(66.66), "66.7")
        XCTAssertEqual(Format.number(66.66, language: "en"), "66.7")
        XCTAssertEqual(Format.number(66.66, language: "es"), "66,7")
        XCTAssertEqual(Format.number(1_500, language: "es"), "1500")
        let november = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-11-15T05:37:00Z"))
        XCTAssertEqual(Chart.monthLabel(november), "Nov 26")
        XCTAssertEqual(Chart.monthLabel(november, language: "es"), "nov 26")
    }
}
