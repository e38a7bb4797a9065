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

    public static func parse(_ text: String) -> (indicators: [ScanIndicator], skipped: [Skipped]) {
        if text.first(where: { !$0.isWhitespace }) == "{" { return stix(text) }
        var indicators: [ScanIndicator] = [], skipped: [Skipped] = []
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            if n == 0 && columns.first?.lowercased() == "value" { continue }  // CSV header
            let declared = columns.count > 1 ? ScanIndicator.Kind(rawValue: columns[1].lowercased()) : nil
            switch ScanIndicator.recognise(columns[0], as: declared) {
            case .success(let indicator): indicators.append(indicator)
            case .failure(let problem): skipped.append(Skipped(line: n + 1, text: String(line.prefix(80)), reason: "\(problem)"))
            }
        }
        return (indicators, skipped)
    }

    static func stix(_ text: String) -> (indicators: [ScanIndicator], skipped: [Skipped]) {
        switch StixReader.read(Data(text.utf8)) {
        case .failure(.notJSON(let reason)), .failure(.notStix(let reason)):
            return ([], [Skipped(line: 1, text: String(text.prefix(40)), reason: reason)])
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
