import Foundation

/// Finds indicators in pasted text — an e-mail's headers, a log excerpt, an advisory — for the author
/// to review before publishing: refanged, validated, normalised, de-duplicated, in order of appearance.
public enum IndicatorExtractor {
    public struct Found: Sendable, Equatable {
        public var indicator: IndicatorValue
        public var notes: [Note]

        public init(indicator: IndicatorValue, notes: [Note]) {
            self.indicator = indicator
            self.notes = notes
        }
    }

    public enum Note: Sendable, Equatable {
        /// On the warning list: must never be blocked (private range, public resolver, common domain…).
        case warningList(String)
        /// The last label is a common file extension (`invoice.pdf`): probably a file name.
        case looksLikeFileName
        /// The host of a URL found in the text.
        case hostOfURL
    }

    public static let maxTextBytes = 1_000_000
    public static let maxResults = 5_000

    public enum Problem: Error, Equatable, Sendable {
        case textTooLong(limit: Int)
        case tooManyIndicators(limit: Int)
    }

    static let fileExtensions: Set<String> = [
        "exe", "dll", "pdf", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt", "pptx", "txt", "rtf", "jpg", "jpeg", "png",
        "gif", "svg", "js", "vbs", "ps1", "bat", "cmd", "scr", "iso", "img", "lnk", "html", "htm", "php", "asp", "aspx",
        "json", "xml", "csv", "log", "eml", "msg", "tmp", "dat", "bin", "sh", "py", "rar", "7z", "gz", "tar", "cab", "jar",
        "hta", "zip", "one", "msi", "conf", "ini", "cfg",
    ]

    public static func extract(_ raw: String, warnings: WarningList = .empty) -> Result<[Found], Problem> {
        guard raw.utf8.count <= maxTextBytes else { return .failure(.textTooLong(limit: maxTextBytes)) }
        var text = Refang.apply(raw)
        var found: [Found] = [], seen = Set<IndicatorValue>()
        func add(_ value: IndicatorValue, _ extra: [Note] = []) {
            guard seen.insert(value).inserted else { return }
            var notes = extra
            if let reason = warnings.reason(for: value) { notes.append(.warningList(reason)) }
            if value.type == .domain, let tld = value.value.split(separator: ".").last, fileExtensions.contains(String(tld)) {
                notes.append(.looksLikeFileName)
            }
            found.append(Found(indicator: value, notes: notes))
        }
        // URLs first (they hold characters that split other tokens), then blank them out.
        let ranges = urlRanges(in: text)
        for range in ranges {
            guard case .success(let url) = IndicatorValue.normalise(String(text[range]), as: .url) else { continue }
            add(url)
            if let host = url.urlHost, case .success(let domain) = IndicatorValue.normalise(host, as: .domain) {
                add(domain, [.hostOfURL])
            }
        }
        for range in ranges.reversed() { text.replaceSubrange(range, with: " ") }
        let delimiters = Set<Character>("<>\"'`,;|{}()[]=\\/!?*")
        for token in text.split(whereSeparator: { $0.isWhitespace || delimiters.contains($0) }) {
            var candidate = String(token)
            while let last = candidate.last, last == "." || last == ":" || last == "-" { candidate.removeLast() }
            if candidate.lowercased().hasPrefix("mailto:") { candidate.removeFirst(7) }
            if let colon = candidate.lastIndex(of: ":"), candidate.filter({ $0 == ":" }).count == 1,
               candidate[candidate.index(after: colon)...].allSatisfy(\.isNumber) {
                candidate = String(candidate[..<colon])  // 203.0.113.5:443
            }
            guard candidate.count >= 3, candidate.contains(where: { $0 == "." || $0 == ":" || $0 == "@" }) || candidate.count >= 32 else { continue }
            if case .success(let value) = IndicatorValue.normalise(candidate) { add(value) }
            if found.count > maxResults { return .failure(.tooManyIndicators(limit: maxResults)) }
        }
        return .success(found)
    }

    private static func urlRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var searchFrom = text.startIndex
        let stops = Set<Character>("\"'<>`")
        while let start = ["http://", "https://", "ftp://"].compactMap({ text.range(of: $0, options: .caseInsensitive, range: searchFrom..<text.endIndex) })
            .min(by: { $0.lowerBound < $1.lowerBound }) {
            var end = text[start.lowerBound...].firstIndex(where: { $0.isWhitespace || stops.contains($0) }) ?? text.endIndex
            while end > start.upperBound, let last = text[..<end].last, ".,;:!?)]}".contains(last) {
                if last == ")" && text[start.lowerBound..<end].contains("(") { break }
                end = text.index(before: end)
            }
            ranges.append(start.lowerBound..<end)
            searchFrom = end
            if end == text.endIndex { break }
        }
        return ranges
    }
}
