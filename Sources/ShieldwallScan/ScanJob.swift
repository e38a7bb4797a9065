import Foundation
import ShieldwallCore

/// One `shieldwall scan`: the indicators from a file or a server, every log scanned (from where the last run
/// left it, with `sinceLastRun`, following logrotate), what was found printed, and the sightings sent back.
/// The command only reads its arguments into `Options`; this is what the tests drive.
public struct ScanJob {
    public struct Options: Sendable {
        /// A local list: plain text, the CSV blocklist or a STIX 2.1 bundle.
        public var indicators: String?
        /// With `token` and `community`: the community's blocklist on a Shieldwall server, and sightings back.
        public var server: String?
        public var token: String?
        public var community: String?
        /// Where the server's list and the logs' marks are kept.
        public var cacheDirectory: URL
        public var noReport = false
        public var dryRun = false
        public var sinceLastRun = false
        public var format: LogScanner.Format = .auto
        public var json = false
        public var threads: Int
        public var progress = false
        public var files: [String]

        public init(files: [String], cacheDirectory: URL, threads: Int) {
            self.files = files
            self.cacheDirectory = cacheDirectory
            self.threads = threads
        }
    }

    public let options: Options
    let output: FileHandle
    let errors: FileHandle

    public init(_ options: Options, output: FileHandle = .standardOutput, errors: FileHandle = .standardError) {
        self.options = options
        self.output = output
        self.errors = errors
    }

    var remote: ScanServer? {
        guard let server = options.server, let community = options.community else { return nil }
        return ScanServer(server: server, token: options.token ?? "", community: community, cacheDirectory: options.cacheDirectory)
    }

    func say(_ text: String) { errors.write(Data((text + "\n").utf8)) }

    /// A problem with the whole run: said on standard error, exit code 2.
    struct Failure: Error { let message: String }

    /// Scans, then calls `finish` with the exit code like grep's (0 nothing found, 1 something found, 2 an error).
    /// `finish` is called while the index and the tally are still held: a command that exits there leaves the
    /// memory to the system, where releasing a million indicators one by one took 20 to 30 ms.
    public func run(finish: (Int32) -> Void) async {
        do {
            try await scan(finish: finish)
        } catch let failure as Failure {
            say("shieldwall scan: \(failure.message)")
            finish(2)
        } catch {
            say("shieldwall scan: \(error.localizedDescription)")
            finish(2)
        }
    }

    /// The indicator list's bytes, what to call it in messages, and whether the server was reached for it.
    func indicatorList() async throws -> (bytes: [UInt8], source: String, reached: Bool) {
        if let remote {
            guard !remote.token.isEmpty else { throw Failure(message: "--server needs --token (or SHIELDWALL_TOKEN)") }
            do {
                let (bytes, note) = try await remote.indicators()
                if let note { say("shieldwall scan: \(note)") }
                return (bytes, "\(remote.base) (\(remote.community))", note == nil)
            } catch let failure as ScanServer.Failure { throw Failure(message: failure.message) }
        }
        guard let indicators = options.indicators else {
            throw Failure(message: "give --indicators FILE, or --server URL --token TOKEN --community SLUG")
        }
        do { return (try ScanInput.wholeFile(indicators), indicators, true) } catch {
            throw Failure(message: "cannot read indicators from \(indicators): \((error as? ScanInput.Failure)?.message ?? error.localizedDescription)")
        }
    }

    /// What the list held that is not an indicator: one line per line of a text list, one per reason for STIX.
    func reportSkipped(_ skipped: [IndicatorFile.Skipped], source: String) {
        var stixReasons: [String: [String]] = [:]
        for s in skipped {
            if s.line == 0 { stixReasons[s.reason, default: []].append(s.text); continue }
            say("\(source):\(s.line): skipped \"\(s.text)\": \(s.reason)")
        }
        // STIX objects that are not indicators (relationships, identities…) are many: one line per reason.
        for (reason, ids) in stixReasons.sorted(by: { $0.key < $1.key }) {
            let example = ids.count == 1 ? ids[0] : "\(ids.count) objects, e.g. \(ids[0])"
            say("\(source): skipped \(example): \(reason)")
        }
    }

    private func scan(finish: (Int32) -> Void) async throws {
        let (list, source, reached) = try await indicatorList()
        let parsed = IndicatorFile.parse(bytes: list, threads: options.threads)
        reportSkipped(parsed.skipped, source: source)
        let index = IndicatorIndex(parsed.indicators, threads: options.threads)
        let run = ScanRun(index: index, format: options.format, threads: options.threads)
        var tally = ScanTally(indicators: index.indicators.count), lines = 0, problems = 0
        var printer = ScanOutput(to: output, index: index)
        let progress = ScanProgress(enabled: options.progress, to: errors)
        var positions = options.sinceLastRun ? ScanPositions(directory: options.cacheDirectory) : nil
        let json = options.json, sinceLastRun = options.sinceLastRun
        /// Scans one log (from `mark` on, with --since-last-run) into the tally; the mark for the next run, or nil.
        func scan(_ file: String, from mark: ScanPositions.Mark?, copy: Bool = false) -> ScanPositions.Mark? {
            var fileLines = 0
            do {
                let input = ScanInput(name: file, run: run)
                return try input.scan(sinceLastRun: sinceLastRun, mark: copy ? nil : mark, copiedFrom: copy ? mark : nil,
                                      startLine: { fileLines = $0 }) { piece, read, total in
                    if json {
                        let found = piece.hits(file: file, after: fileLines)
                        printer.json(found)
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
                say("shieldwall scan: \(file): \(message)")
                return (error as? ScanInput.Failure)?.mark
            }
        }
        for file in options.files {
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
                    say(truncated ? """
                        shieldwall scan: \(file) was truncated since the last run, and no copy of it is beside it: what it \
                        gained after line \(mark.lines) before it was truncated was not scanned.
                        """ : """
                        shieldwall scan: \(file) is another file since the last run, and the old one is not beside it \
                        (renamed, compressed or copied): what it gained after line \(mark.lines) was not scanned.
                        """)
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
            printer.jsonSummary(summary, files: options.files.count, lines: lines, matches: tally.matches, errors: problems, link: parsed.link)
        } else {
            printer.text(summary, files: options.files.count - problems, lines: lines, matches: tally.matches, link: parsed.link)
        }
        let (sent, failed) = await report(summary, serverReached: reached)
        problems += failed
        // Where each log was left is kept only when what was found there reached the server (or was not to be
        // sent): otherwise the next run reads those lines again and sends them then.
        if let positions, sent, !options.dryRun {
            do { try positions.save(named: options.files) } catch {
                say("shieldwall scan: where the logs were left cannot be kept in \(positions.file.path): \(error.localizedDescription)")
                problems += 1
            }
        }
        finish(problems > 0 ? 2 : tally.matches == 0 ? 0 : 1)
    }

    /// Sends one sighting per indicator found to the server (or, `dryRun`, shows them). Whether what was found
    /// reached the server (or was not to be sent), and how many problems there were. When the list had to come
    /// from the cache, nothing is tried: the client would wait for the server up to its timeout (a minute of a
    /// cron run), and the next run sends what this one found.
    func report(_ summary: [ScanRun.Summary], serverReached: Bool) async -> (sent: Bool, problems: Int) {
        guard let remote, !options.noReport else { return (true, 0) }
        let sightings = summary.map {
            ScanServer.Sighting(value: $0.indicator.value, count: $0.hits, firstSeen: $0.firstTime, lastSeen: $0.lastTime)
        }
        if options.dryRun {
            say("Would send \(sightings.count) sighting(s) to \(remote.base):")
            if !sightings.isEmpty { say(remote.describe(sightings)) }
            return (true, 0)
        }
        guard serverReached else {
            say("shieldwall scan: sightings not sent: \(remote.base) could not be reached; the next run sends them")
            return (false, 1)
        }
        do {
            let (sent, unknown) = try await remote.report(sightings)
            let left = unknown > 0 ? "; \(unknown) not counted: no longer listed, or not yours to see" : ""
            say("Sent \(sent) sighting(s) to \(remote.base) (counts only)\(left).")
            return (true, 0)
        } catch {
            say("shieldwall scan: sightings not sent: \((error as? ScanServer.Failure)?.message ?? ScanServer.reason(error))")
            return (false, 1)
        }
    }
}
