import Foundation
import XCTest
@testable import ShieldwallCore

final class ScanTests: XCTestCase {

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
        let data = try Data(contentsOf: Fixtures.logs.appendingPathComponent(name))
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

    func testAListThatIsNotAllUTF8LosesOnlyItsBadLines() {
        // The file's bytes go to the parser as read: a line that is not UTF-8 is skipped by number, not the list.
        let bytes = Array("1.2.3.4\nevil.example\n".utf8) + [0x65, 0xFF, 0x2E, 0x65, 0x78, 0x0A] + Array("{not stix\n5.6.7.8".utf8)
        let parsed = IndicatorFile.parse(bytes: bytes, threads: 1)
        XCTAssertEqual(parsed.indicators.map(\.value), ["1.2.3.4", "evil.example", "5.6.7.8"])
        XCTAssertEqual(parsed.skipped.map(\.line), [3, 4])
        XCTAssertEqual(IndicatorFile.parse(bytes: Array("  \n{\"type\": \"bundle\"".utf8)).skipped.first?.line, 1, "a bundle is told by its first byte")
    }

    func testListLinesReadAsBytesGiveWhatTheStringPathGives() {
        // Plain lines take the byte path in `IndicatorFile.lines`; each must come out as `recognise` makes it.
        let values = ["010.001.002.003", "10.1.2.3", "0.0.0.0", "192.0.2.77/24", "010.0.0.0/08", "10.0.0.0/8", "1.2.3.4/32",
                      "2001:DB8:0:1:0:0:0:1", "1:0:0:2:0:0:0:3", "2001:0:0:1:0:0:1:0", "::", "1::", "::ffff:192.0.2.1",
                      "2001:db8::/32", "HXXP://Evil.Example/A", "https://x.example:8443/p?q=1", "CEO@Evil.Example",
                      String(repeating: "AB", count: 20), "Evil.Example.", "a_b.example", "256.1.1.1", "10.0.0.0/99", "x/24", "fe80::1%eth0"]
        let parsed = IndicatorFile.parse(values.joined(separator: "\n"), threads: 1)
        let expected = values.map { ScanIndicator.recognise($0) }
        XCTAssertEqual(parsed.indicators, expected.compactMap { try? $0.get() })
        XCTAssertEqual(parsed.skipped.map(\.line), expected.indices.filter { (try? expected[$0].get()) == nil }.map { $0 + 1 })
        XCTAssertEqual(parsed.indicators.prefix(8).map(\.value),
                       ["10.1.2.3", "10.1.2.3", "0.0.0.0", "192.0.2.0/24", "10.0.0.0/8", "10.0.0.0/8", "1.2.3.4/32", "2001:db8:0:1::1"])
        XCTAssertEqual(parsed.indicators[8...12].map(\.value), ["1:0:0:2::3", "2001::1:0:0:1:0", "::", "1::", "192.0.2.1"])
    }

    func testAValueListedTwiceIsFoundUnderItsFirstPlace() {
        let values = ["evil.example", "10.0.0.0/8", "EVIL.example", "10.1.2.3/8", "https://x.example/", "HTTPS://X.example/",
                      "2001:db8::/32", "1.2.3.4/32", "1.2.3.4", "2001:DB8::/32"]
        XCTAssertEqual(indicators(values).count, 5, "evil.example, 10.0.0.0/8, the URL, 2001:db8::/32 and 1.2.3.4 (also as /32)")
        let log = "evil.example 10.9.9.9 https://x.example/ 1.2.3.4 2001:db8::7"
        XCTAssertEqual(scan(log, values, format: .plain).map(\.indicator), [0, 1, 4, 7, 6])
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

    func testIPv6InEveryWrittenFormReadsBackAndMalformedOnesAsGlibcDoes() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            // Zero runs are common in real addresses: each group is zero half the time.
            var groups = (0..<8).map { _ in Bool.random(using: &rng) ? UInt16(0) : UInt16.random(in: 0...UInt16.max, using: &rng) }
            if Bool.random(using: &rng) { groups[0] = 0x2001; groups[1] = 0x0db8 }
            let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }, low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
            let address = IPAddress.V6(high: high, low: low)
            let full = groups.map { String(format: "%04X", $0) }.joined(separator: ":")
            let dotted = groups[0..<6].map { String($0, radix: 16) }.joined(separator: ":") + ":\(groups[6] >> 8).\(groups[6] & 0xFF).\(groups[7] >> 8).\(groups[7] & 0xFF)"
            for text in [IPFormat.v6(address), full, dotted] {
                XCTAssertEqual(IPAddress.v6(Array(text.utf8)), address, text)
                XCTAssertEqual(IPAddress.v6(Array(text.utf8)[...]), address, "as a slice: \(text)")
            }
        }
        let malformed = [":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::",
                         "1:2:3:4:5:6:7:", ":1:2:3:4:5:6:7:8", "g::1", "1::2:", "::ffff:1.2.3", "::ffff:1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4",
                         "::1.2.3.256", "1 ::2", "", "::%1"]
        for text in malformed {
            var buffer = in6_addr()
            XCTAssertEqual(inet_pton(AF_INET6, text, &buffer), 0, "glibc also refuses \(text)")
            XCTAssertNil(IPAddress.v6(Array(text.utf8)), text)
        }
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

    func testHostAndPort() {
        // HAProxy's client, Caddy's remote_addr, a proxy's CONNECT target: an address or domain, then a port.
        let values = ["198.51.100.7", "198.51.100.8", "evil.example", "203.0.113.0/24"]
        let text = """
        Nov 24 10:00:01 lb haproxy[123]: 198.51.100.7:51234 [24/Nov/2026:10:00:01.123] fe be/s1 0/0/1/2/3 200 512 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"
        {"level":"info","request":{"remote_addr":"198.51.100.8:40000","host":"shop.example"}}
        tunnel to www.evil.example:443 opened
        from 203.0.113.5:22 and 198.51.100.9:80 and 198.51.100.7:123456 and notevil.example:443
        """
        let matches = scan(text, values, format: .plain)
        XCTAssertEqual(matches.map(\.line), [1, 2, 3, 4], "not another address, a six-digit port or another domain")
        XCTAssertEqual(matches.map(\.indicator), [0, 1, 2, 3])
        XCTAssertEqual(matches[1].field, .client, "Caddy's remote_addr names the client")
        let web = """
        198.51.100.1 - - [17/May/2015:10:05:03 +0000] "CONNECT www.evil.example:443 HTTP/1.1" 200 1 "-" "x"
        198.51.100.1 - - [17/May/2015:10:05:04 +0000] "CONNECT [2001:db8::7]:443 HTTP/1.1" 200 1 "-" "x"
        198.51.100.1 - - [17/May/2015:10:05:05 +0000] "CONNECT [::ffff:203.0.113.9]:8443 HTTP/1.1" 200 1 "-" "x"
        198.51.100.1 - - [17/May/2015:10:05:06 +0000] "CONNECT [2001:db8::7]x:443 HTTP/1.1" 200 1 "-" "x"
        """
        let connect = scan(web, values + ["2001:db8::/32"], format: .combined)
        XCTAssertEqual(connect.map(\.line), [1, 2, 3], "not a bracket followed by anything but the port")
        XCTAssertEqual(connect.map(\.indicator), [2, 4, 3])
        XCTAssertEqual(Set(connect.map(\.field)), [.host])
    }

    func testForwardedForAfterTheAgent() {
        // nginx's sample "main" format: the client behind a CDN is in the last field; the first is the CDN's.
        let log = """
        203.0.113.50 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0 (X11)" "198.51.100.7, 10.0.0.1"
        203.0.113.50 - - [17/May/2015:10:05:04 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0 (X11)" "-"
        203.0.113.50 - - [17/May/2015:10:05:05 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0 (X11)" "198.51.100.8"
        """
        let matches = scan(log, ["198.51.100.7", "10.9.9.9"])
        XCTAssertEqual(matches.map(\.line), [1])
        XCTAssertEqual(matches.first?.time.map { ISO8601.format(Int($0)) }, "2015-05-17T10:05:03Z")
        XCTAssertEqual(scan(log, ["203.0.113.50"]).map(\.field), [.client, .client, .client], "still a web log by field")
    }

    func testIPv4MappedClientsAreTheirIPv4Address() {
        // Dual-stack sockets give IPv4 clients as ::ffff:a.b.c.d (Node.js, Java, Dovecot's rip=).
        let values = ["198.51.100.7", "203.0.113.0/24", "2001:db8::/32"]
        let web = """
        ::ffff:198.51.100.7 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1 "-" "x"
        ::ffff:198.51.100.8 - - [17/May/2015:10:05:04 +0000] "GET / HTTP/1.1" 200 1 "-" "x"
        """
        let clients = scan(web, values, format: .combined)
        XCTAssertEqual(clients.map(\.line), [1], "line 2 is another address")
        XCTAssertEqual(clients.first?.field, .client)
        let text = """
        imap-login: Login: user=<ann>, method=PLAIN, rip=::ffff:203.0.113.9, lip=::ffff:192.0.2.1
        GET http://[::ffff:198.51.100.7]/x
        from ::ffff:c633:6407 port 22
        from 2001:db8::7
        """
        let matches = scan(text, values, format: .plain)
        XCTAssertEqual(matches.map(\.line), [1, 2, 3, 4], "line 3 is the address in hex")
        XCTAssertEqual(matches.map(\.indicator), [1, 0, 0, 2])
        // Listed in the mapped form, they are IPv4 indicators too: found as the IPv4 addresses they are.
        let mapped = ["::ffff:198.51.100.7", "::FFFF:203.0.113.0/120"]
        XCTAssertEqual(mapped.compactMap { try? ScanIndicator.recognise($0).get() },
                       [ScanIndicator(value: "198.51.100.7", kind: .ipv4), ScanIndicator(value: "203.0.113.0/24", kind: .cidr)])
        XCTAssertEqual(scan("198.51.100.7 ::ffff:203.0.113.9 203.0.113.200 198.51.100.8", mapped, format: .plain).map(\.indicator), [0, 1, 1])
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

    func testCommasInAndAfterURLs() {
        let log = """
        {"request_uri":"http://evil.example/a?x=1,2","status":200}
        see http://bad.example/p, then
        2026-11-24,http://csv.example/q,200
        2026-11-24,http://host.example,200
        url=http://kv.example/a,b
        http://evil.example/a?x=1
        """
        let values = ["http://evil.example/a?x=1,2", "http://bad.example/p", "http://csv.example/q", "host.example", "http://kv.example/a,b"]
        let matches = scan(log, values, format: .plain)
        XCTAssertEqual(matches.map(\.line), [1, 2, 3, 4, 5], "the URL with a comma in its query is found whole, and only whole")
        XCTAssertEqual(matches.map(\.indicator), [0, 1, 2, 3, 4])
        XCTAssertEqual(matches.first?.field, .request)
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

final class ScanTimeAndFileTests: XCTestCase {
    func time(_ line: String, now: Int64 = 1_795_000_000) -> String? {
        Array(line.utf8).withUnsafeBufferPointer { LogTime.find(in: $0, now: now) }.map { ISO8601.format(Int($0)) }
    }

    func testTimesOfEveryLogFormat() {
        XCTAssertEqual(time(#"83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1"#), "2015-05-17T10:05:03Z")
        XCTAssertEqual(time(#"1.2.3.4 - - [17/May/2015:12:05:03 +0200] "GET / HTTP/1.1" 200 1"#), "2015-05-17T10:05:03Z", "offset applied")
        XCTAssertEqual(time("2026-11-23T06:11:01.123Z host postfix/smtpd[1]: connect from x[1.2.3.4]"), "2026-11-23T06:11:01Z")
        XCTAssertEqual(time("2026-11-23 06:11:01 1abcde-000001-AB <= a@b.example H=(x) [1.2.3.4]"), "2026-11-23T06:11:01Z", "Exim")
        XCTAssertEqual(time("2026/11/23 06:11:01 [error] 1234#0: *5 open() failed, client: 1.2.3.4, server: shop.example"),
                       "2026-11-23T06:11:01Z", "nginx's error log")
        XCTAssertEqual(time("2026/11-23 06:11:01 x"), nil, "one separator or the other")
        XCTAssertEqual(time("[Mon Nov 23 06:11:01.123456 2026] [authz_core:error] [pid 1:tid 2] [client 1.2.3.4:5] AH01630: denied"),
                       "2026-11-23T06:11:01Z", "Apache 2.4's error log")
        XCTAssertEqual(time("[Tue Nov  3 06:11:01 2026] [error] [client 1.2.3.4] File does not exist"), "2026-11-03T06:11:01Z", "Apache 2.2's")
        XCTAssertEqual(time(#"{"level":"info","ts":1763878261.12,"msg":"handled request","request":{"remote_ip":"1.2.3.4"}}"#),
                       "2025-11-23T06:11:01Z", "Caddy")
        XCTAssertEqual(time("23-Nov-2026 06:11:01.123 queries: info: client @0x1 1.2.3.4#5353 (evil.example): query: evil.example IN A +"),
                       "2026-11-23T06:11:01Z", "BIND")
        // auth.log from the fixture: April, no year — the reference year, or the one before if that is in the future.
        let now = Int64(ISO8601.days(year: 2026, month: 11, day: 23) * 86_400)
        XCTAssertEqual(time("Apr 20 14:14:29 ip-10-77-20-248 sshd[3964]: Accepted publickey for ubuntu from 85.245.107.41", now: now),
                       "2026-04-20T14:14:29Z")
        XCTAssertEqual(time("Dec 31 23:59:59 host dnsmasq[1]: query[A] evil.example from 192.168.1.5", now: now), "2025-12-31T23:59:59Z")
        XCTAssertEqual(time("Nov  3 01:02:03 host sshd[1]: x", now: now), "2026-11-03T01:02:03Z", "one-digit day")
        XCTAssertNil(time("no time here 1.2.3.4"))
        XCTAssertNil(time("[99/Xyz/2015:10:05:03 +0000] 2026-13-45T99:00:00Z"), "nonsense is not a time")
    }

    func testFirstAndLastTimesInTheSummary() throws {
        let index = IndicatorIndex([try ScanIndicator.recognise("85.245.107.41").get()])
        let run = ScanRun(index: index, threads: 2, now: Int64(ISO8601.days(year: 2026, month: 11, day: 23) * 86_400))
        let data = try Data(contentsOf: Fixtures.logs.appendingPathComponent("auth.log"))
        let (hits, lines) = run.scan(data, name: "auth.log")
        XCTAssertGreaterThan(lines, 0)
        let summary = try XCTUnwrap(run.summarise(hits).first)
        XCTAssertEqual(summary.hits, 574)
        XCTAssertEqual(summary.firstTime.map { ISO8601.format(Int($0)) }, "2026-03-27T13:08:09Z", "grep -m1 85.245.107.41 auth.log")
        XCTAssertNotNil(summary.lastTime)
        XCTAssertGreaterThanOrEqual(summary.lastTime ?? 0, summary.firstTime ?? .max)
        // Scanning in blocks gives the same lines as scanning at once.
        let half = data.prefix(through: data[..<(data.count / 2)].lastIndex(of: 10) ?? 0)
        let first = run.scan(Data(half), name: "auth.log")
        let second = run.scan(Data(data[half.endIndex...]), name: "auth.log", firstLine: first.lines + 1, format: .plain)
        XCTAssertEqual((first.hits + second.hits).map(\.line), hits.map(\.line))
    }

    func testTheSummaryCountsPerIndicatorAcrossFiles() throws {
        let list = try ["1.2.3.4", "evil.example", "10.0.0.0/8", "zz.example"].map { try ScanIndicator.recognise($0).get() }
        let run = ScanRun(index: IndicatorIndex(list), threads: 1)
        func hit(_ file: String, _ line: Int, _ id: Int32, _ time: Int64?) -> ScanRun.Hit {
            ScanRun.Hit(file: file, line: line, indicator: id, field: .token, time: time)
        }
        // b.log is named twice (given twice on the command line): it is listed once.
        let hits = [hit("a.log", 3, 0, 50), hit("a.log", 4, 2, nil), hit("b.log", 1, 0, 10), hit("b.log", 2, 1, 70),
                    hit("c.log", 9, 0, nil), hit("b.log", 5, 0, 90), hit("c.log", 10, 2, 20)]
        let summary = run.summarise(hits)
        XCTAssertEqual(summary.map(\.indicator.value), ["1.2.3.4", "10.0.0.0/8", "evil.example"], "most hits first, then by value")
        let address = summary[0]
        XCTAssertEqual(address.hits, 4)
        XCTAssertEqual(address.files, ["a.log", "b.log", "c.log"])
        XCTAssertTrue(address.first == ("a.log", 3) && address.last == ("b.log", 5))
        XCTAssertEqual(address.firstTime, 10)
        XCTAssertEqual(address.lastTime, 90)
        XCTAssertEqual(summary[1].files, ["a.log", "c.log"])
        XCTAssertEqual(summary[1].firstTime, 20, "a hit without a time leaves the times to the others")
        XCTAssertEqual(summary[2].hits, 1)
        XCTAssertTrue(run.summarise([]).isEmpty)
    }

    func testALargeListIsReadInPartsWithTheSameLinesAndNumbers() {
        // Over 64 KB, so it is cut into parts: a bad value near the end keeps its own line number.
        var lines = ["value,type,confidence"]
        for n in 0..<80_000 { lines.append("10.\(n / 65_536).\(n / 256 % 256).\(n % 256),ipv4,50") }
        lines.insert("# a comment", at: 100)
        lines.insert("not a value at all", at: 70_000)  // line 70,001
        let text = lines.joined(separator: "\n") + "\n"
        XCTAssertGreaterThan(text.utf8.count, 64 << 10)
        let parallel = IndicatorFile.parse(text, threads: 4), single = IndicatorFile.parse(text, threads: 1)
        XCTAssertEqual(parallel.indicators.count, 80_000)
        XCTAssertEqual(parallel.indicators, single.indicators)
        XCTAssertEqual(parallel.skipped.map(\.line), [70_001])
        XCTAssertEqual(single.skipped.map(\.line), [70_001])
    }

    func testTheServersCSVIsReadWithEachIndicatorsPage() {
        // The blocklist download as `scan --server` gets it, long enough to be read in parts: each indicator keeps
        // its own page, across the cuts; quoted values are read whole; a value listed twice keeps its first page.
        var lines = ["value,type,confidence,first_seen,last_seen,expires,link"]
        for n in 0..<5_000 {
            lines.append("10.0.\(n / 256).\(n % 256),ipv4,50,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,2026-12-01T00:00:00Z,https://s.example/indicators/\(n)")
        }
        lines.append(#""https://evil.example/a,""b""",url,50,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,2026-12-01T00:00:00Z,https://s.example/indicators/url"#)
        lines.append("10.0.0.7,ipv4,50,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,2026-12-01T00:00:00Z,https://s.example/indicators/again")
        lines.append(#""evil.example,domain,50,x,y,z,https://s.example/indicators/broken"#)
        lines.append("bad.example,domain,50,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,2026-12-01T00:00:00Z,")
        let text = lines.joined(separator: "\n") + "\n"
        XCTAssertGreaterThan(text.utf8.count, 64 << 10)
        for threads in [1, 4] {
            let list = IndicatorFile.parse(text, threads: threads)
            XCTAssertEqual(list.indicators.count, 5_003)
            XCTAssertEqual(list.link(0), "https://s.example/indicators/0")
            XCTAssertEqual(list.link(4_321), "https://s.example/indicators/4321")
            XCTAssertEqual(list.indicators[5_000], ScanIndicator(value: "https://evil.example/a,\"b\"", kind: .url))
            XCTAssertEqual(list.link(5_000), "https://s.example/indicators/url")
            XCTAssertEqual(IndicatorIndex(list.indicators).match(v4: 0x0A00_0007), 7, "listed twice: found under its first place")
            XCTAssertEqual(list.link(7), "https://s.example/indicators/7")
            XCTAssertNil(list.link(5_002), "an empty link is none")
            XCTAssertNil(list.link(5_003))
            XCTAssertEqual(list.skipped.map(\.line), [5_004])
            XCTAssertEqual(list.skipped.first?.reason, "a quoted value is not closed")
        }
        // A CSV without the header, and a plain list: no pages.
        let bare = IndicatorFile.parse("1.2.3.4,ipv4,50\nevil.example\n", threads: 1)
        XCTAssertEqual(bare.indicators.map(\.value), ["1.2.3.4", "evil.example"])
        XCTAssertNil(bare.link(0))
    }

    func testAPlainListKeepsURLsWithCommasWhole() {
        // The server's plain list is one value a line, and a URL may hold commas. Without the CSV header a comma
        // cuts a line only when it reads as `value,type,…` or when only its first field is an indicator.
        let list = IndicatorFile.parse("""
            http://evil.example/a,b?x=1,2
            5.6.7.8,ipv4,80
            1.2.3.4,scanner seen on port 22
            evil.example,phishing
            http://unclosed.example/"a,b

            """, threads: 1)
        XCTAssertEqual(list.indicators, [
            ScanIndicator(value: "http://evil.example/a,b?x=1,2", kind: .url), ScanIndicator(value: "5.6.7.8", kind: .ipv4),
            ScanIndicator(value: "1.2.3.4", kind: .ipv4), ScanIndicator(value: "evil.example", kind: .domain),
            ScanIndicator(value: "http://unclosed.example/\"a,b", kind: .url),
        ])
        XCTAssertEqual(list.skipped, [])
        // Under the header it is a CSV: the first field is the value, quoted when it holds a comma.
        let csv = IndicatorFile.parse("value,type\nhttp://evil.example/a,b\n", threads: 1)
        XCTAssertEqual(csv.indicators, [ScanIndicator(value: "http://evil.example/a", kind: .url)])
    }

    func testStixBundlesAsIndicatorFiles() throws {
        let folder = Fixtures.stixOasis
        let apt1 = IndicatorFile.parse(try String(contentsOf: folder.appendingPathComponent("apt1.json"), encoding: .utf8))
        XCTAssertTrue(apt1.indicators.contains(ScanIndicator(value: "223.166.0.0/15", kind: .cidr)))
        XCTAssertTrue(apt1.indicators.contains(ScanIndicator(value: "hugesoft.org", kind: .domain)))
        XCTAssertTrue(apt1.skipped.allSatisfy { $0.line == 0 }, "STIX objects are named by id, not line")
        XCTAssertTrue(apt1.skipped.contains { $0.text.hasPrefix("relationship--") })
        let broken = IndicatorFile.parse(#"{"type": "bundle", "objects": [ {"type": "indicator""#)
        XCTAssertTrue(broken.indicators.isEmpty)
        XCTAssertEqual(broken.skipped.count, 1)
    }
}
