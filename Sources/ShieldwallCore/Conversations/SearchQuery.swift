import Foundation

/// What a person typed into the search box, reduced to plain words so it can never be read as query
/// syntax by SQLite FTS5 (`"`, `*`, `NEAR`, `AND`, column filters) or PostgreSQL (`&`, `|`, `!`, `:*`).
/// Every word must appear (prefix match: "back" finds "backups"); the words are bound as parameters.
public struct SearchQuery: Sendable, Equatable {
    public static let maxWords = 8
    public static let maxWordLength = 40
    public static let maxLength = 200

    public let words: [String]

    public enum Problem: Error, Equatable { case empty, tooLong(Int) }

    public static func parse(_ text: String) -> Result<SearchQuery, Problem> {
        guard text.count <= maxLength else { return .failure(.tooLong(maxLength)) }
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty, !words.contains(current), words.count < maxWords { words.append(String(current.prefix(maxWordLength))) }
            current = ""
        }
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) { current.unicodeScalars.append(scalar) } else { flush() }
        }
        flush()
        // FTS5 reads a bare AND/OR/NOT/NEAR as an operator; inside quotes they are words, which is what we send.
        guard !words.isEmpty else { return .failure(.empty) }
        return .success(SearchQuery(words: words))
    }

    /// SQLite FTS5: every word quoted and prefix-matched, joined by spaces (AND).
    public var fts5: String { words.map { "\"\($0)\"*" }.joined(separator: " ") }

    /// PostgreSQL `to_tsquery('simple', …)`: every word prefix-matched, joined by `&`. Words hold only
    /// letters and digits, so nothing in them is an operator.
    public var tsquery: String { words.map { "\($0):*" }.joined(separator: " & ") }
}

/// A search snippet arrives with the matched words between these two characters (chosen because no
/// one types them); the page escapes everything and then turns them into `<mark>`.
public enum SearchHighlight {
    public static let start = "\u{2}"
    public static let end = "\u{3}"

    /// Parts of a snippet: (text, highlighted).
    public static func parts(_ snippet: String) -> [(String, Bool)] {
        var out: [(String, Bool)] = []
        var rest = Substring(snippet.replacingOccurrences(of: "\u{0}", with: ""))
        while let open = rest.range(of: start) {
            if open.lowerBound > rest.startIndex { out.append((String(rest[..<open.lowerBound]), false)) }
            rest = rest[open.upperBound...]
            if let close = rest.range(of: end) {
                out.append((String(rest[..<close.lowerBound]), true))
                rest = rest[close.upperBound...]
            } else {
                out.append((String(rest), true)); rest = ""
            }
        }
        if !rest.isEmpty { out.append((String(rest.replacingOccurrences(of: end, with: "")), false)) }
        return out
    }
}
