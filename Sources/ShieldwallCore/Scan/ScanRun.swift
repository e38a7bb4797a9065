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
        /// The indicator's place in the list.
        public var id: Int
        public var indicator: ScanIndicator
        public var hits: Int
        public var first: (file: String, line: Int)
        public var last: (file: String, line: Int)
        public var files: [String]
        /// Earliest and latest time the logs give for the matching lines (seconds since 1970).
        public var firstTime: Int64?
        public var lastTime: Int64?

        public static func == (a: Summary, b: Summary) -> Bool {
            a.id == b.id && a.indicator == b.indicator && a.hits == b.hits && a.files == b.files
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

    /// What one piece of a log (whole lines) held: its matches, numbered from 1 within the piece, and its lines.
    public struct Piece: Sendable {
        public var matches: [LogScanner.Match] = []
        public var lines = 0
        public init() {}

        /// The matches as hits in `file`, where the piece starts after line `offset`.
        public func hits(file: String, after offset: Int) -> [Hit] {
            matches.map { Hit(file: file, line: $0.line + offset, indicator: $0.indicator, field: $0.field, time: $0.time) }
        }
    }

    /// The format to read a file with: the one asked for, or the one its first lines suggest.
    public func format(for sample: Data) -> LogScanner.Format {
        sample.withUnsafeBytes { format(forBytes: $0) }
    }

    public func format(forBytes sample: UnsafeRawBufferPointer) -> LogScanner.Format {
        guard format == .auto else { return format }
        return LogScanner.detect(UnsafeRawBufferPointer(rebasing: sample.prefix(8192)))
    }

    /// Scans one piece of whole lines on the calling thread; `memory`: the thread's, from the pieces it scanned before.
    public func piece(_ lines: UnsafeRawBufferPointer, format: LogScanner.Format, memory: LogScanner.Memory? = nil) -> Piece {
        var piece = Piece()
        piece.lines = scanner.scan(lines, format: format, memory: memory, into: &piece.matches)
        return piece
    }

    /// Scans one buffer (a block of whole lines) in pieces cut at line ends, several per thread, and returns
    /// each piece's result in order.
    public func pieces(_ buffer: UnsafeRawBufferPointer, format: LogScanner.Format) -> [Piece] {
        guard buffer.count > 0 else { return [] }
        let bytes = buffer.bindMemory(to: UInt8.self)
        // Many pieces per thread, so that when one thread finishes its last piece, the others are near the end of theirs.
        let cuts = Parallel.lineCuts(buffer.count, parts: threads == 1 ? 1 : threads * 16) { bytes[$0] == 10 }
        return Parallel.map(cuts.count - 1, threads: threads) { c in
            piece(UnsafeRawBufferPointer(rebasing: buffer[cuts[c]..<cuts[c + 1]]), format: format)
        }
    }

    /// Scans one buffer (a whole file, or a block of whole lines of it) on all cores and returns the hits with
    /// line numbers counted from `firstLine`, plus the number of lines.
    public func scan(_ data: Data, name: String, firstLine: Int = 1, format given: LogScanner.Format? = nil) -> (hits: [Hit], lines: Int) {
        let chosen = given ?? format(for: data)
        let pieces = data.withUnsafeBytes { self.pieces($0, format: chosen) }
        var hits: [Hit] = [], offset = firstLine - 1
        for piece in pieces {
            hits += piece.hits(file: name, after: offset)
            offset += piece.lines
        }
        return (hits, offset - (firstLine - 1))
    }

    /// Per indicator: how often, first and last place, which files; most hits first (`ScanTally` over the hits).
    public func summarise(_ hits: [Hit]) -> [Summary] {
        var tally = ScanTally(indicators: scanner.index.indicators.count)
        for hit in hits { tally.add(hit) }
        return tally.summary(of: scanner.index.indicators)
    }
}
