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

    /// Per indicator: how often, first and last place, which files.
    public func summarise(_ hits: [Hit]) -> [Summary] {
        var byIndicator: [Int32: Summary] = [:]
        for hit in hits {
            if var s = byIndicator[hit.indicator] {
                s.hits += 1
                s.last = (hit.file, hit.line)
                if let t = hit.time {
                    s.firstTime = min(s.firstTime ?? t, t)
                    s.lastTime = max(s.lastTime ?? t, t)
                }
                if s.files.last != hit.file && !s.files.contains(hit.file) { s.files.append(hit.file) }
                byIndicator[hit.indicator] = s
            } else {
                byIndicator[hit.indicator] = Summary(indicator: scanner.index.indicators[Int(hit.indicator)], hits: 1,
                                                     first: (hit.file, hit.line), last: (hit.file, hit.line), files: [hit.file],
                                                     firstTime: hit.time, lastTime: hit.time)
            }
        }
        return byIndicator.values.sorted { ($0.hits, $1.indicator.value) > ($1.hits, $0.indicator.value) }
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
