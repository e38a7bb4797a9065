import Foundation

/// What a talent-pool profile and an opening may hold.
public enum TalentRules {
    public static let maxLinks = 5

    public enum LinkProblem: Error, Sendable, Equatable {
        /// 1-based line that is not an `http(s)` address.
        case notWeb(line: Int)
        case tooMany
    }

    /// An `http(s)` address of at most 500 characters: a profile's link or an opening's.
    public static func isLink(_ text: String) -> Bool { text.count <= 500 && ExternalCourseInput.isWebAddress(text) }

    /// Addresses one per line (blank lines ignored): each must be `http` or `https` with a host, never `javascript:`.
    public static func links(_ text: String) -> Result<[String], LinkProblem> {
        var links: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            guard isLink(line) else { return .failure(.notWeb(line: index + 1)) }
            links.append(line)
        }
        return links.count > maxLinks ? .failure(.tooMany) : .success(links)
    }
}
