import Foundation

/// One of our own short courses in one language: a few lessons in plain words and a quiz. Shipped as data
/// (`Resources/training/LANGUAGE/ID.yaml`, the same ids in every language); `version` goes up when the content
/// changes in a way that matters, and a passed quiz records the version it was.
public struct TrainingModule: Codable, Sendable, Equatable {
    public struct Lesson: Codable, Sendable, Equatable {
        public let title: String
        /// Markdown, shown through the safe renderer.
        public let body: String
    }

    public let id: String
    public let version: Int
    /// Where it stands in the list of modules.
    public let order: Int
    public let title: String
    public let summary: String
    public let minutes: Int
    public let lessons: [Lesson]
    public let quiz: Quiz
    /// Set by the library from the folder the file is in.
    public private(set) var language: String = CourseLanguages.base

    enum CodingKeys: String, CodingKey { case id, version, order, title, summary, minutes, lessons, quiz }

    func inLanguage(_ language: String) -> TrainingModule {
        var copy = self
        copy.language = language
        return copy
    }

    func problem() -> String? {
        if title.trimmingWhitespace().isEmpty { return "it needs a title" }
        if lessons.isEmpty { return "it needs at least one lesson" }
        if version < 1 { return "version must be 1 or more" }
        if !(1...240).contains(minutes) { return "minutes must be between 1 and 240" }
        return quiz.problem()
    }
}

/// The languages a course can be in, by ISO 639-1 code; names come from the interface's catalogue.
public enum CourseLanguages {
    public static let base = "en"
    public static let known = ["cy", "de", "en", "es", "fr", "ga", "it", "nl", "pl", "pt"]

    /// The version to show someone who reads `preferred`: theirs where it exists, else English, else the first.
    public static func pick(_ preferred: String, among available: [String]) -> String? {
        if available.contains(preferred) { return preferred }
        if available.contains(base) { return base }
        return available.sorted().first
    }
}
