import Foundation

/// A course someone else gives (national agencies, ENISA, a trade body), described in our words with its link.
/// One course may exist in several languages: each version has its own title, link and description.
public struct ExternalCourseVersion: Codable, Sendable, Equatable {
    public var language: String
    public var title: String
    public var url: String
    public var summary: String

    public init(language: String, title: String, url: String, summary: String) {
        self.language = language
        self.title = title
        self.url = url
        self.summary = summary
    }
}

/// What someone typed to describe an external course, checked field by field.
public struct ExternalCourseInput: Sendable, Equatable {
    public var provider: String
    public var minutes: String
    public var version: ExternalCourseVersion

    public init(provider: String, minutes: String, version: ExternalCourseVersion) {
        self.provider = provider
        self.minutes = minutes
        self.version = version
    }

    public enum Problem: String, Sendable, Equatable {
        case titleMissing = "title-missing", titleTooLong = "title-too-long"
        case providerMissing = "provider-missing", providerTooLong = "provider-too-long"
        case urlNotWeb = "url-not-web", urlTooLong = "url-too-long"
        case languageUnknown = "language-unknown"
        case minutesInvalid = "minutes-invalid"
        case summaryMissing = "summary-missing", summaryTooLong = "summary-too-long"
    }

    /// Field name → what is wrong with it; empty when the course can be saved.
    public func problems() -> [String: Problem] {
        var problems: [String: Problem] = [:]
        let title = version.title.trimmingWhitespace()
        if title.isEmpty { problems["title"] = .titleMissing } else if title.count > 200 { problems["title"] = .titleTooLong }
        let provider = provider.trimmingWhitespace()
        if provider.isEmpty { problems["provider"] = .providerMissing } else if provider.count > 120 { problems["provider"] = .providerTooLong }
        let url = version.url.trimmingWhitespace()
        if url.count > 2000 { problems["url"] = .urlTooLong } else if !Self.isWebAddress(url) { problems["url"] = .urlNotWeb }
        if !CourseLanguages.known.contains(version.language) { problems["language"] = .languageUnknown }
        if Int(minutes.trimmingWhitespace()).map({ !(1...6000).contains($0) }) ?? true { problems["minutes"] = .minutesInvalid }
        let summary = version.summary.trimmingWhitespace()
        if summary.isEmpty { problems["summary"] = .summaryMissing } else if summary.count > 2000 { problems["summary"] = .summaryTooLong }
        return problems
    }

    /// An `http` or `https` address with a host: never `javascript:`, `data:` or a file.
    public static func isWebAddress(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
              !text.contains(where: { $0.isWhitespace }) else { return false }
        return true
    }

    /// The version as it is stored, trimmed.
    public var cleaned: ExternalCourseVersion {
        ExternalCourseVersion(language: version.language, title: version.title.trimmingWhitespace(), url: version.url.trimmingWhitespace(),
                              summary: version.summary.trimmingWhitespace())
    }
}
