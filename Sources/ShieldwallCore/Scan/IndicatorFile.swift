import Foundation

/// Reads a local indicator list: plain text (one value a line, `#` comments) or the CSV blocklist
/// (`value,type,confidence,…`, with or without its header). Lines that cannot be used are reported by
/// number, not dropped silently.
public enum IndicatorFile {
    public struct Skipped: Sendable, Equatable {
        public let line: Int
        public let text: String
        public let reason: ScanIndicator.Problem
    }

    public static func parse(_ text: String) -> (indicators: [ScanIndicator], skipped: [Skipped]) {
        var indicators: [ScanIndicator] = [], skipped: [Skipped] = []
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            if n == 0 && columns.first?.lowercased() == "value" { continue }  // CSV header
            let declared = columns.count > 1 ? ScanIndicator.Kind(rawValue: columns[1].lowercased()) : nil
            switch ScanIndicator.recognise(columns[0], as: declared) {
            case .success(let indicator): indicators.append(indicator)
            case .failure(let problem): skipped.append(Skipped(line: n + 1, text: String(line.prefix(80)), reason: problem))
            }
        }
        return (indicators, skipped)
    }
}
