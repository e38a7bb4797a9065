import Foundation
import XCTest
@testable import ShieldwallCore

final class ScanTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/logs")

    func indicators(_ values: [String]) -> IndicatorIndex {
        IndicatorIndex(values.compactMap { try? ScanIndicator.recognise($0).get() })
    }

    func scan(_ text: String, _ values: [String], format: LogScanner.Format = .auto) -> [LogScanner.Match] {
        let scanner = LogScanner(index: indicators(values))
        var matches: [LogScanner.Match] = []
        Array(text.utf8).withUnsafeBytes { _ = scanner.scan($0, format: format, into: &matches) }
        return matches
    }

    func scanFile(_ name: String, _ values: [String]) throws -> (lines: Set<Int>, fields: Set<LogScanner.Field>) {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
        let scanner = LogScanner(index: indicators(values))
        var matches: [LogScanner.Match] = []
        data.withUnsafeBytes { _ = scanner.scan($0, format: .auto, into: &matches) }
        return (Set(matches.map(\.line)), Set(matches.map(\.field)))
    }

    func testRecognisesAndNormalisesIndicators() {
        func r(_ s: String) -> ScanIndicator? { try? ScanIndicator.recognise(s).get() }
        XCTAssertEqual(r("203.0.113[.]9"), ScanIndicator(value: "203.0.113.9", kind: .ipv4), "defanged")
        XCTAssertEqual(r("hxxps://Evil[.]Example/login"), ScanIndicator(value: "https://evil.example/login", kind: .url))
        XCTAssertEqual(r("2001:DB8:0:0:0:0:0:1"), ScanIndicator(value: "2001:db8::1", kind: .ipv6), "RFC 5952 form")
        XCTAssertEqual(r("192.0.2.77/24"), ScanIndicator(value: "192.0.2.0/24", kind: .cidr), "host bits cleared")
        XCTAssertEqual(r("2001:db8::/32"), ScanIndicator(value: "2001:db8::/32", kind: .cidr))
        XCTAssertEqual(r("Evil.Example."), ScanIndicator(value: "evil.example", kind: .domain))
        XCTAssertEqual(r("ceo@evil.example"), ScanIndicator(value: "ceo@evil.example", kind: .email))
        XCTAssertEqual(r(String(repeating: "A", count: 64))?.kind, .hash)
        XCTAssertEqual(ScanIndicator.recognise("fe80::1%eth0"), .failure(.unrecognised), "zone ids are refused")
        XCTAssertEqual(ScanIndicator.recognise("256.1.1.1"), .failure(.unrecognised))
        XCTAssertEqual(ScanIndicator.recognise("10.0.0.0/33"), .failure(.unrecognised))
        XCTAssertEqual(ScanIndicator.recognise("   "), .failure(.empty))
        XCTAssertEqual(ScanIndicator.recognise(String(repeating: "a", count: 3000) + ".example"), .failure(.tooLong))
        XCTAssertEqual(ScanIndicator.recognise("localhost"), .failure(.unrecognised), "a single label is no domain")
    }

    func testIPv6ParsingEdgeCases() {
        XCTAssertEqual(IPAddress.v6(Array("::".utf8)), IPAddress.V6(high: 0, low: 0))
        XCTAssertEqual(IPAddress.v6(Array("::1".utf8)), IPAddress.V6(high: 0, low: 1))
        XCTAssertEqual(IPAddress.v6(Array("::ffff:192.0.2.1".utf8)), IPAddress.V6(high: 0, low: 0x0000_FFFF_C000_0201))
        XCTAssertNil(IPAddress.v6(Array("1::2::3".utf8)), "two gaps")
        XCTAssertNil(IPAddress.v6(Array("1:2:3:4:5:6:7:8:9".utf8)))
        XCTAssertNil(IPAddress.v6(Array("12345::".utf8)))
        XCTAssertNil(IPAddress.v6(Array("1:2:3:4:5:6:7:".utf8)))
        XCTAssertEqual(IPAddress.v6(Array("2001:db8::8:800:200c:417a".utf8))?.low, 0x0008_0800_200C_417A)
    }

    func testDomainsMatchThemselvesAndSubdomainsOnly() {
        let log = "a www.evil.example b\nnotevil.example\nEVIL.EXAMPLE.\nevil.example.org\nmail.sub.evil.example"
        XCTAssertEqual(scan(log, ["evil.example"], format: .plain).map(\.line), [1, 3, 5])
    }

    func testCIDRRangesForBothFamilies() {
        let log = "from 198.51.100.7 port 22\nfrom 198.51.101.7\nfrom 2001:db8:1::5\nfrom 2001:db9::5\nrhost=198.51.100.200"
        XCTAssertEqual(scan(log, ["198.51.100.0/24", "2001:db8::/32"], format: .plain).map(\.line), [1, 3, 5])
        XCTAssertEqual(scan("0.0.0.0 1.2.3.4 255.255.255.255", ["0.0.0.0/0"], format: .plain).count, 3, "the whole v4 space")
    }

    func testURLsEmailsAndHashes() {
        let hash = String(repeating: "ab", count: 32)
        let log = """
        visit http://Evil.example/login?x=1 now
        from=<ceo@evil.example> to=<ann@shop.example>
        sha256 \(hash.uppercased())
        https://user:pw@sub.bad.example:8443/x
        """
        let matches = scan(log, ["http://evil.example/login?x=1", "ceo@evil.example", hash, "bad.example"], format: .plain)
        XCTAssertEqual(matches.map(\.line), [1, 2, 3, 4])
        XCTAssertEqual(matches.last?.field, .host)
    }

    func testApacheFixtureByField() throws {
        let clients = try scanFile("apache_access.log", ["66.249.0.0/16"])
        XCTAssertEqual(clients.lines.count, 572, "grep -cE '^66\\.249\\.' apache_access.log")
        XCTAssertEqual(clients.fields, [.client])
        let referrers = try scanFile("apache_access.log", ["semicomplete.com"])
        XCTAssertEqual(referrers.lines.count, 5039, "lines whose referrer host is semicomplete.com or below")
        XCTAssertEqual(referrers.fields, [.host])
        let exact = try scanFile("apache_access.log", ["66.249.73.135"])
        XCTAssertEqual(exact.lines.count, 482)
    }

    func testAuthLogFixture() throws {
        let found = try scanFile("auth.log", ["85.245.107.41", "24.151.103.17"])
        XCTAssertEqual(found.lines.count, 574 + 602, "grep -cw for each address")
        let nothing = try scanFile("auth.log", ["85.245.107.4", "evil.example"])
        XCTAssertTrue(nothing.lines.isEmpty, "no partial matches")
    }

    func testFormatDetectionAndHostileLines() {
        let web = "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n"
        Array(web.utf8).withUnsafeBytes { XCTAssertEqual(LogScanner.detect($0), .combined) }
        Array("Mar 27 13:06:56 host sshd[1]: x\n".utf8).withUnsafeBytes { XCTAssertEqual(LogScanner.detect($0), .plain) }
        // Garbage, a truncated web line and a huge line do not crash and still find what is there.
        var bytes: [UInt8] = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        bytes += Array("\n1.2.3.4 - - [x] \"GET\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 3_000_000) + Array(" 9.9.9.9\n".utf8)
        let scanner = LogScanner(index: indicators(["1.2.3.4", "9.9.9.9"]))
        var matches: [LogScanner.Match] = []
        bytes.withUnsafeBytes { _ = scanner.scan($0, format: .auto, into: &matches) }
        XCTAssertEqual(Set(matches.map { scanner.index.indicators[Int($0.indicator)].value }), ["1.2.3.4", "9.9.9.9"])
    }
}
