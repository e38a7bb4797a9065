import Foundation
import XCTest
@testable import ShieldwallScan

/// Logs as people have them: plain, gzip (whole, cut short, damaged), and through pipes.
final class ScanInputTests: XCTestCase {
    func testAPlainLogAndTheSameLogGzippedGiveTheSameMatches() async throws {
        let h = try ScanHarness()
        let log = try Data(contentsOf: ScanHarness.accessLog)
        try h.write("access.log", log)
        try h.write("access.log.gz", try ScanHarness.gzip(log))
        let plain = try await h.scan(["access.log"])
        XCTAssertEqual(plain.code, 1, "something found: exit 1, like grep")
        XCTAssertEqual(plain.matches, 846)
        let gzip = try await h.scan(["access.log.gz"])
        XCTAssertEqual(gzip.matches, 846)
        XCTAssertEqual(gzip.lines.map { $0.replacingOccurrences(of: ".gz", with: "") }, plain.lines)
        let twoMembers = try ScanHarness.gzip(log) + ScanHarness.gzip(log)  // `cat a.gz b.gz`
        try h.write("twice.gz", twoMembers)
        let twice = try await h.scan(["twice.gz"])
        XCTAssertEqual(twice.matches, 2 * 846)
    }

    func testAPipeIsReadAsItComesPlainOrGzip() async throws {
        let h = try ScanHarness()
        let log = try Data(contentsOf: ScanHarness.accessLog)
        for data in [log, try ScanHarness.gzip(log)] {
            // What `scan <(zcat access.log.gz)` or `… | scan -` hands over: a pipe, read by the same code as standard input.
            let pipe = Pipe()
            let writer = Thread { pipe.fileHandleForWriting.write(data); try? pipe.fileHandleForWriting.close() }
            writer.start()
            let piped = try await h.scan(["/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"])
            XCTAssertEqual(piped.matches, 846, piped.errors)
            XCTAssertEqual(piped.code, 1)
        }
    }

    func testAGzipFileCutShortIsScannedAsFarAsItGoesAndSaidSo() async throws {
        let h = try ScanHarness()
        let full = try ScanHarness.gzip(try Data(contentsOf: ScanHarness.accessLog))
        try h.write("cut.gz", full.prefix(100_000))
        try h.write("access.log", try Data(contentsOf: ScanHarness.accessLog))
        let result = try await h.scan(["cut.gz", "access.log"])
        XCTAssertEqual(result.code, 2, "an error: exit 2")
        XCTAssertTrue(result.errors.contains("cut.gz: the gzip file ends early (truncated?): scanned what could be read"), result.errors)
        let fromCut = result.lines.filter { $0.hasPrefix("cut.gz:") }.count
        XCTAssertGreaterThan(fromCut, 0, "what could be read was scanned")
        XCTAssertLessThan(fromCut, 846)
        XCTAssertEqual(result.lines.filter { $0.hasPrefix("access.log:") }.count, 846, "the next file is still scanned")
    }

    func testADamagedGzipFileIsNamedWithWhereItBreaks() async throws {
        let h = try ScanHarness()
        var damaged = try ScanHarness.gzip(try Data(contentsOf: ScanHarness.accessLog))
        let middle = damaged.count / 2
        damaged.replaceSubrange(middle..<(middle + 16), with: Data(repeating: 0x58, count: 16))
        try h.write("damaged.gz", damaged)
        let result = try await h.scan(["damaged.gz"])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.errors.contains("damaged.gz: the gzip file is damaged after"), result.errors)
    }

    func testGarbageAMissingFileAndADirectoryAreNamedAndTheRestIsScanned() async throws {
        let h = try ScanHarness()
        try h.write("garbage.bin", Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        try h.write("access.log", try ScanHarness.lines(1...40))
        try FileManager.default.createDirectory(at: h.path("old"), withIntermediateDirectories: true)
        let result = try await h.scan(["garbage.bin", "/nonexistent/file.log", "old", "access.log"])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.errors.contains("/nonexistent/file.log: No such file or directory"), result.errors)
        XCTAssertTrue(result.errors.contains("old: is a directory"), result.errors)
        XCTAssertEqual(result.lines, try ScanHarness.hits(1...40).map { "access.log:\($0)" })
    }

    func testAnIndicatorListThatCannotBeReadStopsTheScanWithAClearMessage() async throws {
        let h = try ScanHarness()
        try h.write("access.log", try ScanHarness.lines(1...40))
        let result = try await h.scan(["access.log"]) { $0.indicators = "/nonexistent/list.txt" }
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.errors, "shieldwall scan: cannot read indicators from /nonexistent/list.txt: No such file or directory\n")
        XCTAssertEqual(result.output, "")
    }
}
