import XCTest
@testable import ShieldwallCore

/// The scanner's fast paths (addresses read by words, searches by words, referrers answered from memory) must
/// find exactly what the plain ones find.
final class ScanFastPathTests: XCTestCase {
    func indicators(_ values: [String]) -> IndicatorIndex {
        IndicatorIndex(values.compactMap { try? ScanIndicator.recognise($0).get() })
    }

    func testARepeatedReferrerFindsOnEveryLineWhatItFindsAlone() {
        // A thread answers a referrer it has seen from what it found then: each line must still get what it gets alone.
        let long = "https://www.evil.example/" + String(repeating: "p", count: 80)  // too long to be kept
        let referrers = ["https://www.evil.example/", "https://shop.example/", "http://bad.example/exact.php", long,
                         "HTTPS://WWW.EVIL.EXAMPLE/", "https://notevil.example/", "http://bad.example/exact.php?x", "-"]
        let lines = (0..<40).map { n in
            #"203.0.113.\#(n % 7) - - [22/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "\#(referrers[(n * 5) % referrers.count])" "curl/8""#
        }
        let scanner = LogScanner(index: indicators(["evil.example", "http://bad.example/exact.php", "203.0.113.3"]))
        var together: [LogScanner.Match] = []
        Array(lines.joined(separator: "\n").utf8).withUnsafeBytes { _ = scanner.scan($0, format: .combined, into: &together) }
        var alone: [LogScanner.Match] = []
        for (n, line) in lines.enumerated() {
            Array(line.utf8).withUnsafeBufferPointer { scanner.scan(line: $0, format: .combined, number: n + 1, into: &alone) }
        }
        XCTAssertEqual(together, alone)
        XCTAssertEqual(Set(together.map(\.field)), [.client, .host, .referrer])
        XCTAssertEqual(together.filter { $0.field == .host }.count, 15, "www.evil.example, in either case and with a long path")
        XCTAssertEqual(together.filter { $0.field == .referrer }.count, 5)
    }

    func testAReferrerRememberedFromAnEarlierBufferOrPushedOutFindsWhatItFindsAlone() {
        // One thread's memory over several buffers, with more referrers than it keeps (two per set of 1,024), so
        // that some are pushed out and looked up again.
        let referrers = (0..<3000).map { n in n % 10 == 0 ? "https://www\(n).evil.example/" : "https://shop\(n).example/p" }
        var random = SplitMix64(seed: 2026)
        let lines = (0..<20000).map { n in
            // Most lines repeat one of a few referrers; the rest spread over all of them.
            let r = n % 3 == 0 ? referrers[Int(random.next() % 3000)] : referrers[Int(random.next() % 40)]
            return #"198.51.100.\#(n % 200) - - [22/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "\#(r)" "curl/8""#
        }
        let scanner = LogScanner(index: indicators(["evil.example", "https://shop7.example/p", "198.51.100.0/30"]))
        let memory = LogScanner.Memory()
        var remembered: [LogScanner.Match] = [], offset = 0
        for part in stride(from: 0, to: lines.count, by: 2500) {
            var matches: [LogScanner.Match] = []
            let text = lines[part..<(part + 2500)].joined(separator: "\n")
            Array(text.utf8).withUnsafeBytes { _ = scanner.scan($0, format: .combined, memory: memory, into: &matches) }
            remembered += matches.map { var m = $0; m.line += offset; return m }
            offset += 2500
        }
        var alone: [LogScanner.Match] = []
        for (n, line) in lines.enumerated() {
            Array(line.utf8).withUnsafeBufferPointer { scanner.scan(line: $0, format: .combined, number: n + 1, into: &alone) }
        }
        XCTAssertEqual(remembered.count, alone.count)
        XCTAssertEqual(remembered, alone)
        XCTAssertEqual(Set(remembered.map(\.field)), [.client, .host, .referrer])
    }

    func testAMemoryGivenToAScannerWithAnotherIndexForgetsTheFirstOnesAnswers() {
        let log = Array(#"203.0.113.9 - - [22/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://www.evil.example/" "curl/8""#.utf8)
        let memory = LogScanner.Memory()
        var first: [LogScanner.Match] = [], second: [LogScanner.Match] = []
        log.withUnsafeBytes { _ = LogScanner(index: indicators(["evil.example"])).scan($0, format: .combined, memory: memory, into: &first) }
        log.withUnsafeBytes { _ = LogScanner(index: indicators(["other.example"])).scan($0, format: .combined, memory: memory, into: &second) }
        XCTAssertEqual(first.map(\.field), [.host])
        XCTAssertEqual(second, [], "what the first list found is not an answer for the second")
    }

    func testIPv4ReadByWordsReadsWhatByBytesReads() {
        func both(_ text: String) -> ((UInt32, Int)?, (UInt32, Int)?) {
            let padded = Array((text + String(repeating: " ", count: 16)).utf8)
            return padded.withUnsafeBufferPointer { p in
                (IPAddress.v4PrefixByWords(p).map { ($0.address, $0.end) }, IPAddress.v4PrefixByBytes(p).map { ($0.address, $0.end) })
            }
        }
        let written = ["203.0.113.9", "0.0.0.0", "255.255.255.255", "1.22.133.4", "010.1.1.1", "256.1.1.1", "1.2.3", "1.2.3.4.5",
                       "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4:80", "1.2.3.4]", "1.2.3.1000", "1234.1.1.1", "1.2.3.4a", "a1.2.3.4",
                       "2001:db8::1", "1.2.3.4/24", "9.9.9.99 -", "1.2.3.25\u{e9}", "199.299.1.1"]
        for text in written {
            let (words, bytes) = both(text)
            XCTAssertEqual(words?.0, bytes?.0, text)
            XCTAssertEqual(words?.1, bytes?.1, text)
        }
        XCTAssertEqual(both("203.0.113.9 - -").0?.0, 0xCB00_7109)
        // Random strings of digits, dots and a few other bytes: whatever the bytes, both read the same.
        var random = SplitMix64(seed: 2026)
        let alphabet = Array("0123456789....: a\u{7f}".utf8) + [0xFF, 0x2F, 0x3A]
        for _ in 0..<100_000 {
            let bytes = (0..<16).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] } + [32]
            bytes.withUnsafeBufferPointer { p in
                let words = IPAddress.v4PrefixByWords(p), plain = IPAddress.v4PrefixByBytes(p)
                XCTAssertEqual(words?.address, plain?.address, "\(bytes)")
                XCTAssertEqual(words?.end, plain?.end, "\(bytes)")
            }
        }
    }

    func testFindByWordsFindsTheFirstByteAsALoopDoes() {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<20_000 {
            let count = Int(random.next() % 90)
            // Bytes near the one looked for (`"` is 0x22) and with the high bit set, where word tricks go wrong.
            let bytes = (0..<count).map { _ in [0x22, 0x23, 0x21, 0xA2, 0x20, 0x61][Int(random.next() % 6)] as UInt8 }
            let from = count == 0 ? 0 : Int(random.next() % UInt64(count))
            bytes.withUnsafeBufferPointer { p in
                XCTAssertEqual(LogScanner.find(34, in: p, from: from), (from..<count).first { bytes[$0] == 34 }, "\(bytes) from \(from)")
            }
        }
    }
}
