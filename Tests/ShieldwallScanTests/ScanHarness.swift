import Foundation
import XCTest
@testable import ShieldwallScan

/// A scratch folder with logs, and `shieldwall scan` run in this process over them as a person's cron job runs it.
final class ScanHarness {
    /// The real Apache log in `Tests/Fixtures/logs/` (its README says where it came from).
    static let accessLog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs/apache_access.log")
    /// Two clients of that log: 846 of its lines are theirs (`grep -cE '^(66.249.73.135|46.105.14.53) '`).
    static let indicators = ["66.249.73.135", "46.105.14.53"]

    let folder: URL
    let cache: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("shieldwall-scan-\(UUID().uuidString)")
        cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data((Self.indicators.joined(separator: "\n") + "\n").utf8).write(to: path("indicators.txt"))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The fixture's lines `range` (1-based), each with its newline.
    static func lines(_ range: ClosedRange<Int>) throws -> Data {
        let all = try String(contentsOf: accessLog, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        return Data(all[(range.lowerBound - 1)..<range.upperBound].map { $0 + "\n" }.joined().utf8)
    }

    /// The numbers of the fixture's lines in `range` that an indicator's client wrote.
    static func hits(_ range: ClosedRange<Int>) throws -> [Int] {
        let all = try String(contentsOf: accessLog, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        return range.filter { n in indicators.contains { all[n - 1].hasPrefix($0 + " ") } }
    }

    func write(_ name: String, _ data: Data) throws { try data.write(to: path(name)) }

    func append(_ name: String, _ data: Data) throws {
        let handle = try FileHandle(forWritingTo: path(name))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
    }

    func move(_ from: String, _ to: String) throws { try FileManager.default.moveItem(at: path(from), to: path(to)) }

    /// gzip as logrotate runs it.
    static func gzip(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread { input.fileHandleForWriting.write(data); try? input.fileHandleForWriting.close() }
        writer.start()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed
    }

    struct Result {
        let code: Int32
        let output: String
        let errors: String

        /// The lines of each match (`--json`), by file name.
        var lines: [String] {
            output.split(separator: "\n").compactMap { line -> String? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let file = object["file"] as? String, let number = object["line"] as? Int else { return nil }
                return "\(URL(fileURLWithPath: file).lastPathComponent):\(number)"
            }
        }

        var matches: Int? {
            guard let last = output.split(separator: "\n").last,
                  let object = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any] else { return nil }
            return (object["summary"] as? [String: Any])?["matches"] as? Int
        }
    }

    /// `shieldwall scan --json --indicators indicators.txt FILES…`, with `--since-last-run --cache` when asked.
    func scan(_ files: [String], sinceLastRun: Bool = false, threads: Int = 2, configure: (inout ScanJob.Options) -> Void = { _ in })
        async throws -> Result {
        var options = ScanJob.Options(files: files.map { $0.hasPrefix("/") || $0 == "-" ? $0 : path($0).path },
                                      cacheDirectory: cache, threads: threads)
        options.indicators = path("indicators.txt").path
        options.json = true
        options.sinceLastRun = sinceLastRun
        configure(&options)
        let out = path("out-\(UUID().uuidString)"), err = path("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        var code: Int32 = -1
        await ScanJob(options, output: outHandle, errors: errHandle).run { code = $0 }
        try outHandle.close()
        try errHandle.close()
        return Result(code: code, output: try String(contentsOf: out, encoding: .utf8), errors: try String(contentsOf: err, encoding: .utf8))
    }
}
