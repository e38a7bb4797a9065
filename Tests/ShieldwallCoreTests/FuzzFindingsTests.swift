import ShieldwallCore
import XCTest

/// What the fuzzers (fuzz/, `scripts/fuzz`) found, kept as tests. The markdown finding is in SafeMarkdownTests.
final class FuzzFindingsTests: XCTestCase {
    /// FuzzIndicatorValue and FuzzStixPattern: a host name with a character no host name may hold (here U+FFFD,
    /// what bytes that are not UTF-8 read as) was stored in its xn-- form, which the same rules then refused:
    /// an indicator that could not be read back from its own export.
    func testAHostNameIsRefusedBothWaysOrNeither() {
        let broken = "b\u{FFFD}ch.example"
        XCTAssertNil(IndicatorValue.domain(broken))
        XCTAssertNotNil(IndicatorValue.domain("bücher.example"))
        for text in ["b\u{FFFD}ch.example", "\u{938C}\u{9190}ome.org", "bücher.example", "xn--bcher-kva.example", "a☃b.example"] {
            guard case .success(let value) = IndicatorValue.normalise(text) else { continue }
            XCTAssertEqual(try? IndicatorValue.normalise(value.value, as: value.type).get(), value, text)
            XCTAssertEqual(try? StixPattern.values(in: StixPattern.pattern(for: value)).get(), [value], text)
        }
        let bytes: [UInt8] = Array("[domain-name:value = '".utf8) + [0x93, 0x8c, 0x91, 0x90] + Array("ome.org']".utf8)
        if case .success(let values) = StixPattern.values(in: String(decoding: bytes, as: UTF8.self)) {
            XCTAssertEqual(values, [], "a name with bytes that are not UTF-8 is no indicator")
        }
    }
}
