import Dispatch
import Foundation

/// Scans files on all cores and gathers what was found, per match and per indicator.
public struct ScanRun: Sendable {
    public struct Hit: Sendable, Equatable {
        public let file: String
        public let line: Int
        public let indicator: Int32
        public let field: LogScanner.Field
        public var time: Int64? = nil
    }

    public struct Summary: Sendable, Equatable {
        public var indicator: ScanIndicator
        public var hits: Int
        public var first: (file: String, line: Int)
        public var last: (file: String, line: Int)
        public var files: [String]
        /// Earliest and latest time the logs give for the matching lines (seconds since 1970).
        public var firstTime: Int64?
        public var lastTime: Int64?

        public static func == (a: Summary, b: Summary) -> Bool {
            a.indicator == b.indicator && a.hits == b.hits && a.files == b.files
                && a.first == b.first && a.last == b.last && a.firstTime == b.firstTime && a.lastTime == b.lastTime
        }
    }

    public struct FileProblem: Sendable, Equatable {
        public let file: String
        public let message: String
    }

    public let scanner: LogScanner
    public let format: LogScanner.Format
    public let threads: Int

    public init(index: IndicatorIndex, format: LogScanner.Format = .auto,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, now: Int64 = Int64(Date().timeIntervalSince1970)) {
        scanner = LogScanner(index: index, now: now)
        self.format = format
        self.threads = max(1, threads)
    }

    /// The format to read a file with: the one asked for, or the one its first lines suggest.
    public func format(for sample: Data) -> LogScanner.Format {
        guard format == .auto else { return format }
        return sample.prefix(8192).withUnsafeBytes { LogScanner.detect($0) }
    }

    /// Scans one buffer (a whole file, or a block of whole lines of it) in chunks cut at line ends,
    /// several per thread, and returns the hits with line numbers counted from `firstLine`, plus
    /// the number of lines.
    public func scan(_ data: Data, name: String, firstLine: Int = 1, format given: LogScanner.Format? = nil) -> (hits: [Hit], lines: Int) {
        let chosen = given ?? format(for: data)
        return data.withUnsafeBytes { buffer -> ([Hit], Int) in
            guard buffer.count > 0 else { return ([], 0) }
            let bytes = buffer.bindMemory(to: UInt8.self)
            // Many chunks per thread, so that when one thread finishes its last chunk, the others are near the end of theirs.
            let cuts = Parallel.lineCuts(buffer.count, parts: threads == 1 ? 1 : threads * 16) { bytes[$0] == 10 }
            let chunks = cuts.count - 1
            let results = ResultSlots(count: chunks)
            // The buffer outlives every task (concurrentPerform returns when all are done); only its
            // address crosses into them.
            let base = UInt(bitPattern: buffer.baseAddress)
            let scanner = self.scanner
            let work: @Sendable (Int) -> Void = { c in
                var matches: [LogScanner.Match] = []
                guard let start = UnsafeRawPointer(bitPattern: base) else { return }
                let slice = UnsafeRawBufferPointer(start: start + cuts[c], count: cuts[c + 1] - cuts[c])
                let lines = scanner.scan(slice, format: chosen, into: &matches)
                results.store(c, matches: matches, lines: lines)
            }
            // concurrentPerform always uses every core, so one thread means a plain loop.
            if threads == 1 { for c in 0..<chunks { work(c) } } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
            var hits: [Hit] = [], offset = firstLine - 1
            for c in 0..<chunks {
                let (matches, lines) = results.load(c)
                hits += matches.map { Hit(file: name, line: $0.line + offset, indicator: $0.indicator, field: $0.field, time: $0.time) }
                offset += lines
            }
            return (hits, offset - (firstLine - 1))
        }
    }

    /// Per indicator: how often, first and last place, which files; most hits first. One pass over the hits
    /// with a slot per indicator id (hundreds of thousands of hits at a million indicators: no dictionary,
    /// no string kept per hit).
    public func summarise(_ hits: [Hit]) -> [Summary] {
        struct Tally {
            var hits = 1
            let first: Int
            var last: Int
            var firstTime: Int64?
            var lastTime: Int64?
            var files: [String]
            var lastFile: Int
        }
        var slot = [Int32](repeating: -1, count: scanner.index.indicators.count)
        var tallies: [Tally] = []
        var file = 0
        hits.withUnsafeBufferPointer { hits in
            for n in hits.indices {
                // Hits come file by file; the same string in a row compares by identity.
                if n > 0 && hits[n].file != hits[n - 1].file { file += 1 }
                let i = Int(hits[n].indicator), time = hits[n].time
                guard slot[i] >= 0 else {
                    slot[i] = Int32(tallies.count)
                    tallies.append(Tally(first: n, last: n, firstTime: time, lastTime: time, files: [hits[n].file], lastFile: file))
                    continue
                }
                let k = Int(slot[i])
                tallies[k].hits += 1
                tallies[k].last = n
                if let time {
                    tallies[k].firstTime = min(tallies[k].firstTime ?? time, time)
                    tallies[k].lastTime = max(tallies[k].lastTime ?? time, time)
                }
                if tallies[k].lastFile != file {
                    tallies[k].lastFile = file
                    if !tallies[k].files.contains(hits[n].file) { tallies[k].files.append(hits[n].file) }
                }
            }
        }
        let indicators = scanner.index.indicators
        return tallies.map { t in
            let first = hits[t.first], last = hits[t.last]
            return Summary(indicator: indicators[Int(first.indicator)], hits: t.hits, first: (first.file, first.line),
                           last: (last.file, last.line), files: t.files, firstTime: t.firstTime, lastTime: t.lastTime)
        }.sorted { ($0.hits, $1.indicator.value) > ($1.hits, $0.indicator.value) }
    }
}

/// Where each thread leaves its chunk's result.
final class ResultSlots: @unchecked Sendable {
    private var matches: [[LogScanner.Match]]
    private var lines: [Int]
    private let lock = NSLock()

    init(count: Int) {
        matches = Array(repeating: [], count: count)
        lines = Array(repeating: 0, count: count)
    }

    func store(_ i: Int, matches m: [LogScanner.Match], lines l: Int) {
        lock.lock(); matches[i] = m; lines[i] = l; lock.unlock()
    }

    func load(_ i: Int) -> ([LogScanner.Match], Int) {
        lock.lock(); defer { lock.unlock() }
        return (matches[i], lines[i])
    }
}
