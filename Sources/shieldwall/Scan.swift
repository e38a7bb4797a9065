import ArgumentParser
import Foundation
import ShieldwallCore

/// `shieldwall scan`: looks for the community's indicators in your own logs, on your own machine.
struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",  // named, not derived from the type: that costs a conformance search at every start
        abstract: "Check log files for known indicators (addresses, ranges, domains, URLs, e-mail addresses, hashes).",
        discussion: """
        Reads web server logs (combined and common format) by field, and any other log token by token, naming the \
        field from the key or word before a value: sshd/auth.log, Postfix and Exim, BIND and dnsmasq, JSON lines \
        (nginx, Caddy), free text. Use - to read standard input. Exit code: 0 nothing found, 1 something found, \
        2 an error (like grep). With --server, --token and --community the indicators are your view of the community's \
        blocklist (cached with its ETag; when the server cannot be reached the cached list is used and you are told), \
        each indicator found is followed by the address of its page there (the reports naming it), \
        and what was found goes back as sightings: one count per indicator with the first and last time the logs give, \
        never log lines. gzip files (and gzip on standard input) are read as they are. A progress line shows on a terminal.
        """
    )

    @Option(name: .long, help: "Indicators: plain text (one a line), the CSV blocklist, or a STIX 2.1 bundle.")
    var indicators: String?

    @Option(help: "A Shieldwall server to take the community's blocklist from, e.g. https://shieldwall.example.")
    var server: String?

    @Option(help: "Your API token for --server (or set SHIELDWALL_TOKEN).")
    var token: String?

    @Option(help: "The community's address (slug) on --server.")
    var community: String?

    @Option(help: "Where the server's list (and, with --since-last-run, where each log was left) is kept (default: ~/.cache/shieldwall).")
    var cache: String?

    @Flag(help: "With --server: do not send sightings back.")
    var noReport = false

    @Flag(help: "With --server: print the sightings that would be sent, and send nothing.")
    var dryRun = false

    @Flag(help: """
        Scan only what each log gained since the last run with this flag, as an hourly cron job should: the same \
        lines are not reported twice. Give the live logs (access.log); the rotated ones may be named too \
        (access.log*): each file is scanned once. Where each log was left is kept in the cache directory. A log \
        renamed, compressed or copied (copytruncate) by logrotate is read to its end under its new name, then the \
        new log from its start; a replaced or truncated log is read from its start (and one whose old lines are \
        nowhere beside it is named on standard error); a line still being written is left for the next run, and so \
        is the rest of a gzip file still being written; standard input and pipes are read whole.
        """)
    var sinceLastRun = false

    @Option(help: "Log format: auto (from the first lines), combined (web logs by field), plain (every other log, token by token).")
    var format: LogScanner.Format = .auto

    @Flag(help: "JSON lines: one object per match, then a summary object.")
    var json = false

    @Option(help: "Threads to scan with (default: all cores).")
    var threads: Int = Scan.cores

    /// Counted once: each count reads the cgroup's CPU limits from /sys, and ArgumentParser makes a `Scan`
    /// several times while it reads the command line.
    static let cores = ProcessInfo.processInfo.activeProcessorCount

    @Argument(help: "Log files to scan (- for standard input).")
    var files: [String]

    func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("shieldwall scan: \(message)\n".utf8))
        return ExitCode(2)
    }

    var cacheDirectory: URL {
        let home = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return cache.map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent("shieldwall")
    }

    var remote: ScanServer? {
        guard let server, let community else { return nil }
        let token = self.token ?? ProcessInfo.processInfo.environment["SHIELDWALL_TOKEN"] ?? ""
        return ScanServer(server: server, token: token, community: community, cacheDirectory: cacheDirectory)
    }

    func run() async throws {
        let list: [UInt8], source: String
        if let remote {
            guard !remote.token.isEmpty else { throw fail("--server needs --token (or SHIELDWALL_TOKEN)") }
            do {
                let (bytes, note) = try await remote.indicators()
                if let note { FileHandle.standardError.write(Data("shieldwall scan: \(note)\n".utf8)) }
                list = bytes
            } catch let failure as ScanServer.Failure { throw fail(failure.message) }
            source = "\(remote.base) (\(remote.community))"
        } else if let indicators {
            do { list = try ScanInput.wholeFile(indicators) } catch {
                throw fail("cannot read indicators from \(indicators): \((error as? ScanInput.Failure)?.message ?? error.localizedDescription)")
            }
            source = indicators
        } else {
            throw fail("give --indicators FILE, or --server URL --token TOKEN --community SLUG")
        }
        let parsed = IndicatorFile.parse(bytes: list, threads: threads)
        var stixReasons: [String: [String]] = [:]
        for s in parsed.skipped {
            if s.line == 0 { stixReasons[s.reason, default: []].append(s.text); continue }
            FileHandle.standardError.write(Data("\(source):\(s.line): skipped \"\(s.text)\": \(s.reason)\n".utf8))
        }
        // STIX objects that are not indicators (relationships, identities…) are many: one line per reason.
        for (reason, ids) in stixReasons.sorted(by: { $0.key < $1.key }) {
            let example = ids.count == 1 ? ids[0] : "\(ids.count) objects, e.g. \(ids[0])"
            FileHandle.standardError.write(Data("\(source): skipped \(example): \(reason)\n".utf8))
        }
        let index = IndicatorIndex(parsed.indicators, threads: threads)
        let run = ScanRun(index: index, format: format, threads: threads)
        var tally = ScanTally(indicators: index.indicators.count), lines = 0, problems = 0
        var output = ScanOutput(to: FileHandle.standardOutput, index: index)
        let progress = ScanProgress(enabled: isatty(2) == 1)
        var positions = sinceLastRun ? ScanPositions(directory: cacheDirectory) : nil
        /// Scans one log (from `mark` on, with --since-last-run) into the tally; the mark for the next run, or nil.
        func scan(_ file: String, from mark: ScanPositions.Mark?, copy: Bool = false) -> ScanPositions.Mark? {
            var fileLines = 0
            do {
                let input = ScanInput(name: file, run: run)
                return try input.scan(sinceLastRun: sinceLastRun, mark: copy ? nil : mark, copiedFrom: copy ? mark : nil,
                                      startLine: { fileLines = $0 }) { piece, read, total in
                    if json {
                        let found = piece.hits(file: file, after: fileLines)
                        output.json(found)
                        for hit in found { tally.add(hit) }
                    } else {
                        for m in piece.matches { tally.add(file: file, line: m.line + fileLines, indicator: m.indicator, time: m.time) }
                    }
                    fileLines += piece.lines
                    lines += piece.lines
                    progress.update(file: file, read: read, total: total)
                }
            } catch {
                problems += 1
                progress.clear()
                let message = (error as? ScanInput.Failure)?.message ?? error.localizedDescription
                FileHandle.standardError.write(Data("shieldwall scan: \(file): \(message)\n".utf8))
                return (error as? ScanInput.Failure)?.mark
            }
        }
        for file in files {
            guard positions != nil else { _ = scan(file, from: nil); continue }
            let start = positions?.start(file) ?? .from(nil)
            if case .done = start { continue }  // scanned already, under another name given before it
            // Rotated since the last run (renamed, compressed or copied beside it, as logrotate does): what the old
            // file gained before the rotation is read first, under its new name; then the new log from its start.
            if let mark = positions?.previous(file), mark.compressed != true, !ScanPositions.goesOn(file, from: mark) {
                let truncated = ScanPositions.same(file, as: mark)
                switch ScanPositions.rotated(file, from: mark) {
                case .renamed(let old): if positions?.wasScanned(old) == false { positions?.keep(old, scan(old, from: mark)) }
                case .copied(let old): if positions?.wasScanned(old) == false { positions?.keep(old, scan(old, from: mark, copy: true)) }
                case nil:
                    // Said only of a log that is a new file, or the same one truncated: a rotated name that now holds
                    // a file seen under another name is a name logrotate moves files along (its old file moved on,
                    // or was removed).
                    guard case .from(.none) = start else { break }
                    progress.clear()
                    FileHandle.standardError.write(Data((truncated ? """
                        shieldwall scan: \(file) was truncated since the last run, and no copy of it is beside it: what it \
                        gained after line \(mark.lines) before it was truncated was not scanned.\n
                        """ : """
                        shieldwall scan: \(file) is another file since the last run, and the old one is not beside it \
                        (renamed, compressed or copied): what it gained after line \(mark.lines) was not scanned.\n
                        """).utf8))
                }
            }
            switch start {
            case .done: break
            case .from(let mark): positions?.keep(file, scan(file, from: mark))
            case .copied(let mark): positions?.keep(file, scan(file, from: mark, copy: true))
            }
        }
        progress.clear()
        let summary = tally.summary(of: index.indicators)
        if json {
            output.jsonSummary(summary, files: files.count, lines: lines, matches: tally.matches, errors: problems, link: parsed.link)
        } else {
            output.text(summary, files: files.count - problems, lines: lines, matches: tally.matches, link: parsed.link)
        }
        var sent = true
        if let remote, !noReport {
            let sightings = summary.map {
                ScanServer.Sighting(value: $0.indicator.value, count: $0.hits, firstSeen: $0.firstTime, lastSeen: $0.lastTime)
            }
            if dryRun {
                FileHandle.standardError.write(Data("Would send \(sightings.count) sighting(s) to \(remote.base):\n".utf8))
                if !sightings.isEmpty { FileHandle.standardError.write(Data((remote.describe(sightings) + "\n").utf8)) }
            } else {
                do {
                    let (sent, unknown) = try await remote.report(sightings)
                    let left = unknown > 0 ? "; \(unknown) not counted: no longer listed, or not yours to see" : ""
                    FileHandle.standardError.write(Data("Sent \(sent) sighting(s) to \(remote.base) (counts only)\(left).\n".utf8))
                } catch let failure as ScanServer.Failure {
                    FileHandle.standardError.write(Data("shieldwall scan: sightings not sent: \(failure.message)\n".utf8))
                    problems += 1
                    sent = false
                } catch {
                    FileHandle.standardError.write(Data("shieldwall scan: sightings not sent: \(error.localizedDescription)\n".utf8))
                    problems += 1
                    sent = false
                }
            }
        }
        // Where each log was left is kept only when what was found there reached the server (or was not to be
        // sent): otherwise the next run reads those lines again and sends them then.
        if let positions, sent, !dryRun {
            do { try positions.save(named: files) } catch {
                FileHandle.standardError.write(Data("shieldwall scan: where the logs were left cannot be kept in \(positions.file.path): \(error.localizedDescription)\n".utf8))
                problems += 1
            }
        }
        // Exit here, with the index and the tally still held: the system takes the memory back at once, where
        // releasing a million indicators one by one took 20 to 30 ms after the work was done.
        Foundation.exit(problems > 0 ? 2 : tally.matches == 0 ? 0 : 1)
    }
}

/// Bytes read and throughput on standard error, when it is a terminal.
final class ScanProgress {
    let enabled: Bool
    let started = Date()
    var last = Date.distantPast
    var done = 0

    init(enabled: Bool) { self.enabled = enabled }

    func update(file: String, read: Int, total: Int?) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let seconds = max(0.001, last.timeIntervalSince(started))
        let rate = Double(done + read) / seconds / 1_048_576
        let size = total.map { " of \(mb($0))" } ?? ""
        FileHandle.standardError.write(Data("\r\u{1B}[K\(file): \(mb(read))\(size), \(String(format: "%.0f", rate)) MB/s".utf8))
        if let total, read >= total { done += total }
    }

    func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

extension LogScanner.Format: ExpressibleByArgument {}
