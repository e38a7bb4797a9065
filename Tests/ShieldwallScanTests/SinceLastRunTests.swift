import Foundation
import XCTest
@testable import ShieldwallScan

/// `scan --since-last-run` from an hourly cron job: each line is reported once, from the file that holds it now,
/// however logrotate moved it (renamed, copied and truncated, compressed) — and what cannot be followed is said.
final class SinceLastRunTests: XCTestCase {
    /// The fixture's lines written by an indicator's client, each another (real logs do not repeat a line).
    func hit(_ k: Int) throws -> Data {
        let n = try ScanHarness.hits(1...10_000)[k]
        return try ScanHarness.lines(n...n)
    }

    func testEachRunScansOnlyWhatTheLogGainedAndLeavesAHalfWrittenLine() async throws {
        let h = try ScanHarness()
        try h.write("access.log", try ScanHarness.lines(1...40))
        let first = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(first.lines, try ScanHarness.hits(1...40).map { "access.log:\($0)" })
        let again = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(again.lines, [], "the same lines are not reported twice")
        XCTAssertEqual(again.code, 0)
        try h.append("access.log", try ScanHarness.lines(41...60))
        let grown = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(grown.lines, try ScanHarness.hits(41...60).map { "access.log:\($0)" }, "line numbers stay the file's")
        let line = try hit(100)
        try h.append("access.log", line.prefix(40))
        let halfWritten = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(halfWritten.lines, [], "a line still being written is left for the next run")
        try h.append("access.log", line.dropFirst(40))
        let finished = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(finished.lines, ["access.log:61"])
    }

    func testARenamedLogIsReadToItsEndThenTheNewLogFromItsStart() async throws {
        let h = try ScanHarness()
        try h.write("access.log", try hit(0) + hit(1))
        _ = try await h.scan(["access.log"], sinceLastRun: true)
        try h.append("access.log", try hit(2))  // written after the last run, before logrotate renamed the log
        try h.move("access.log", "access.log.1")
        try h.write("access.log", try hit(3))
        let result = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(result.lines, ["access.log.1:3", "access.log:1"])
        XCTAssertEqual(result.errors, "")
        // Naming the rotated logs too (`access.log*`) reads nothing twice.
        let glob = try await h.scan(["access.log", "access.log.1"], sinceLastRun: true)
        XCTAssertEqual(glob.lines, [])
    }

    func testACopiedAndTruncatedLogIsReadFromTheCopyThenTheNewLog() async throws {
        let h = try ScanHarness()
        try h.write("access.log", try hit(0) + hit(1))
        _ = try await h.scan(["access.log"], sinceLastRun: true)
        try h.append("access.log", try hit(2))
        // logrotate's copytruncate: a copy beside it, then the same file emptied and written again.
        try FileManager.default.copyItem(at: h.path("access.log"), to: h.path("access.log.1"))
        let log = try FileHandle(forWritingTo: h.path("access.log"))
        try log.truncate(atOffset: 0)
        try log.write(contentsOf: try hit(3))
        try log.close()
        let result = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(result.lines, ["access.log.1:3", "access.log:1"])
        XCTAssertEqual(result.errors, "")
    }

    func testALogCompressedAsItWasRotatedIsReadOnInsideTheGzip() async throws {
        let h = try ScanHarness()
        try h.write("access.log", try hit(0))
        _ = try await h.scan(["access.log"], sinceLastRun: true)
        try h.append("access.log", try hit(1))
        // Rotated and compressed at once (logrotate without delaycompress).
        try h.write("access.log-20261124.gz", try ScanHarness.gzip(try Data(contentsOf: h.path("access.log"))))
        try FileManager.default.removeItem(at: h.path("access.log"))
        try h.write("access.log", try hit(2))
        let result = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(result.lines, ["access.log-20261124.gz:2", "access.log:1"])
    }

    func testALogTruncatedWithNoCopyBesideItIsReadFromItsStartAndSaidSo() async throws {
        let h = try ScanHarness()
        try h.write("access.log", try hit(0) + hit(1) + hit(2))
        _ = try await h.scan(["access.log"], sinceLastRun: true)
        try h.append("access.log", try hit(3))
        let log = try FileHandle(forWritingTo: h.path("access.log"))
        try log.truncate(atOffset: 0)
        try log.write(contentsOf: try hit(4))
        try log.close()
        let result = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(result.lines, ["access.log:1"])
        XCTAssertTrue(result.errors.contains("""
            access.log was truncated since the last run, and no copy of it is beside it: what it gained after line 3 \
            before it was truncated was not scanned.
            """), result.errors)
    }

    func testAGzipFileStillBeingWrittenIsReadOnOnceItIsWhole() async throws {
        let h = try ScanHarness()
        let full = try ScanHarness.gzip(try Data(contentsOf: ScanHarness.accessLog))
        let half = full.count / 2
        try h.write("access.log.1.gz", full.prefix(half))
        let first = try await h.scan(["access.log.1.gz"], sinceLastRun: true)
        XCTAssertTrue(first.errors.contains("""
            access.log.1.gz: the gzip file ends early (truncated?): scanned what could be read; the rest is read on the next run
            """), first.errors)
        try h.append("access.log.1.gz", full.dropFirst(half))
        let rest = try await h.scan(["access.log.1.gz"], sinceLastRun: true)
        let again = try await h.scan(["access.log.1.gz"], sinceLastRun: true)
        XCTAssertFalse(first.lines.isEmpty)
        XCTAssertFalse(rest.lines.isEmpty)
        XCTAssertEqual(first.lines + rest.lines, try ScanHarness.hits(1...10_000).map { "access.log.1.gz:\($0)" },
                       "every line once, on its own number")
        XCTAssertEqual(again.lines, [])
    }

    func testADamagedGzipFileIsSaidOnceAndNotReadAgainWhileItStaysAsItIs() async throws {
        let h = try ScanHarness()
        var damaged = try ScanHarness.gzip(try Data(contentsOf: ScanHarness.accessLog))
        damaged.replaceSubrange((damaged.count / 2)..<(damaged.count / 2 + 16), with: Data(repeating: 0x58, count: 16))
        try h.write("damaged.gz", damaged)
        let first = try await h.scan(["damaged.gz"], sinceLastRun: true)
        XCTAssertTrue(first.errors.contains("damaged.gz: the gzip file is damaged"), first.errors)
        let again = try await h.scan(["damaged.gz"], sinceLastRun: true)
        XCTAssertEqual(again.lines, [], "its lines would be reported twice")
        XCTAssertEqual(again.errors, "")
    }

    func testWhenTheSightingsCannotBeSentTheNextRunReadsThoseLinesAgain() async throws {
        let h = try ScanHarness()
        try h.write("access.log", try hit(0) + hit(1))
        // The server is down: the list cached by an earlier run stands in, and the send fails.
        try Data(contentsOf: h.path("indicators.txt")).write(to: h.cache.appendingPathComponent("127.0.0.1_9-c-blocklist.csv"))
        let down = try await h.scan(["access.log"], sinceLastRun: true) { options in
            options.indicators = nil
            options.server = "http://127.0.0.1:9"
            options.token = "t"
            options.community = "c"
        }
        XCTAssertEqual(down.lines, ["access.log:1", "access.log:2"])
        XCTAssertTrue(down.errors.contains("cannot reach http://127.0.0.1:9"), down.errors)
        XCTAssertTrue(down.errors.contains("using the list cached"), down.errors)
        XCTAssertTrue(down.errors.contains("shieldwall scan: sightings not sent: http://127.0.0.1:9 could not be reached; the next run sends them"),
                      down.errors)
        XCTAssertEqual(down.code, 2)
        let next = try await h.scan(["access.log"], sinceLastRun: true)
        XCTAssertEqual(next.lines, ["access.log:1", "access.log:2"], "the position did not move on")
    }

    func testServerWithoutATokenIsRefusedBeforeAnythingIsRead() async throws {
        let h = try ScanHarness()
        try h.write("access.log", try hit(0))
        let result = try await h.scan(["access.log"]) { options in
            options.server = "http://127.0.0.1:9"
            options.community = "c"
        }
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.errors, "shieldwall scan: --server needs --token (or SHIELDWALL_TOKEN)\n")
    }
}
