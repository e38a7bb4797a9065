import Foundation

/// Reads a local indicator list: plain text (one value a line, `#` comments), the CSV blocklist
/// (`value,type,confidence,…`, with or without its header) or a STIX 2.1 bundle (indicator patterns
/// and cyber-observables, read by `StixReader`). What cannot be used is reported — by line number,
/// or by STIX object id — never dropped silently.
public enum IndicatorFile {
    public struct Skipped: Sendable, Equatable {
        /// Line number, or 0 for a STIX object (then `text` is its id).
        public let line: Int
        public let text: String
        public let reason: String
    }

    /// Reads the list on up to `threads` cores: it is cut into parts at line ends, each part read on its own,
    /// and the parts joined in order with their line numbers.
    public static func parse(_ text: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> (indicators: [ScanIndicator], skipped: [Skipped]) {
        parse(bytes: Array(text.utf8), threads: threads)
    }

    /// The same from the file's bytes, as read: no pass to check the whole file is UTF-8 first (a line that is
    /// not is read as well as it can be, and skipped with its line number when it is no indicator).
    public static func parse(bytes: [UInt8], threads: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> (indicators: [ScanIndicator], skipped: [Skipped]) {
        if bytes.first(where: { !isSpace($0) }) == 123 { return stix(Data(bytes)) }  // {
        // A list of 10,000 values (200 KB) takes a few milliseconds to read: worth a second core already.
        let cuts = Parallel.lineCuts(bytes.count, parts: max(1, threads) * 4, whole: 64 << 10) { bytes[$0] == 10 }
        let read = Parallel.map(cuts.count - 1, threads: threads) { c in lines(bytes[cuts[c]..<cuts[c + 1]], firstLine: c == 0) }
        var indicators: [ScanIndicator] = [], skipped: [Skipped] = [], before = 0
        indicators.reserveCapacity(read.reduce(0) { $0 + $1.indicators.count })
        for part in read {
            indicators += part.indicators
            skipped += part.skipped.map { Skipped(line: $0.line + before, text: $0.text, reason: $0.reason) }
            before += part.lines
        }
        return (indicators, skipped)
    }

    /// One part of a list, lines numbered from 1 within it.
    static func lines(_ part: ArraySlice<UInt8>, firstLine: Bool) -> (indicators: [ScanIndicator], skipped: [Skipped], lines: Int) {
        var indicators: [ScanIndicator] = [], skipped: [Skipped] = []
        // Lines and columns by bytes: a list of a million values is read here, most of them plain values
        // that go to `recognise` as bytes, lowered in one reused buffer.
        var scratch = [UInt8](repeating: 0, count: 2048)
        var n = 0
        var lineStart = part.startIndex
        while lineStart < part.endIndex {
            let lineEnd = part.withUnsafeBufferPointer { p in
                // memchr: vectorised, unlike a loop over the slice.
                guard let base = p.baseAddress, let found = memchr(base + (lineStart - part.startIndex), 10, part.endIndex - lineStart) else { return part.endIndex }
                return part.startIndex + base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            defer { lineStart = lineEnd + 1 }
            n += 1
            var line = part[lineStart..<lineEnd]
            while let f = line.first, isSpace(f) { line = line.dropFirst() }
            while let l = line.last, isSpace(l) { line = line.dropLast() }
            if line.isEmpty || line.first == 35 { continue }  // #
            let comma = line.firstIndex(of: 44)
            let valueBytes = line[..<(comma ?? line.endIndex)]
            var declared: ScanIndicator.Kind?
            if let comma {
                let rest = line[line.index(after: comma)...]
                let type = String(decoding: rest[..<(rest.firstIndex(of: 44) ?? rest.endIndex)], as: UTF8.self).trimmingWhitespace().lowercased()
                if firstLine && n == 1 && String(decoding: valueBytes, as: UTF8.self).trimmingWhitespace().lowercased() == "value" { continue }  // CSV header
                declared = ScanIndicator.Kind(rawValue: type)
            }
            let result: Result<ScanIndicator, ScanIndicator.Problem>
            if valueBytes.count <= scratch.count, let last = valueBytes.last, !isSpace(last),
               !valueBytes.contains(where: { $0 >= 128 || $0 == 91 || $0 == 40 }) {  // plain ASCII, nothing defanged
                result = scratch.withUnsafeMutableBufferPointer { buffer in
                    var k = 0
                    for b in valueBytes { buffer[k] = ByteKeys.lower(b); k += 1 }
                    return ScanIndicator.recognise(lowered: UnsafeMutableBufferPointer(rebasing: buffer[0..<k]), as: declared)
                }
            } else if let text = String(validating: valueBytes, as: UTF8.self) {
                result = ScanIndicator.recognise(text, as: declared)
            } else {
                // Read as it is, a bad byte would become U+FFFD and pass for a letter of a domain.
                skipped.append(Skipped(line: n, text: String(String(decoding: line, as: UTF8.self).prefix(80)), reason: "not UTF-8 text"))
                continue
            }
            switch result {
            case .success(let indicator): indicators.append(indicator)
            case .failure(let problem):
                skipped.append(Skipped(line: n, text: String(String(decoding: line, as: UTF8.self).prefix(80)), reason: "\(problem)"))
            }
        }
        return (indicators, skipped, n)
    }

    static func stix(_ data: Data) -> (indicators: [ScanIndicator], skipped: [Skipped]) {
        switch StixReader.read(data) {
        case .failure(.notJSON(let reason)), .failure(.notStix(let reason)):
            return ([], [Skipped(line: 1, text: String(decoding: data.prefix(40), as: UTF8.self), reason: reason)])
        case .success(let result):
            var seen = Set<ScanIndicator>(), indicators: [ScanIndicator] = [], skipped: [Skipped] = []
            for indicator in result.indicators {
                for value in indicator.values {
                    switch ScanIndicator.recognise(value.value) {
                    case .success(let i): if seen.insert(i).inserted { indicators.append(i) }
                    case .failure(let problem): skipped.append(Skipped(line: 0, text: indicator.stixID, reason: "\(value.value): \(problem)"))
                    }
                }
            }
            skipped += result.skipped.map { Skipped(line: 0, text: $0.id, reason: $0.reason) }
            skipped += result.errors.map { Skipped(line: 0, text: $0.ref, reason: $0.reason) }
            return (indicators, skipped)
        }
    }
}
