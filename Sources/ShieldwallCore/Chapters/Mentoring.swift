import Foundation

/// Mentors and newcomers in a chapter: topics written as short tags, suggestions by the topics a mentor and a
/// newcomer share, and a mentor's capacity.
public enum Mentoring {
    public static let maxTopics = 8
    public static let maxCapacity = 5

    /// "Phishing, OSINT,  careers" → ["careers", "osint", "phishing"]: lower-case, trimmed, unique, sorted.
    public static func topics(_ text: String) -> [String] {
        Array(Set(text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })).sorted()
    }

    public enum TopicProblem: String, Sendable, Equatable { case none = "none", tooMany = "too-many", tooLong = "too-long" }

    public static func problem(with topics: [String]) -> TopicProblem? {
        if topics.isEmpty { return TopicProblem.none }
        if topics.count > maxTopics { return .tooMany }
        if topics.contains(where: { $0.count > 40 }) { return .tooLong }
        return nil
    }

    public struct Mentor: Sendable, Equatable {
        public var id: String
        public var topics: [String]
        public var capacity: Int
        /// Pairs running now.
        public var pairs: Int
        public init(id: String, topics: [String], capacity: Int, pairs: Int) {
            self.id = id; self.topics = topics; self.capacity = capacity; self.pairs = pairs
        }
        public var hasRoom: Bool { pairs < capacity }
    }

    public struct Suggestion: Sendable, Equatable {
        public var mentor: String
        public var shared: [String]
    }

    /// Mentors with room who share at least one topic, most shared topics first, then the least busy; never the
    /// newcomer themself.
    public static func suggest(for topics: [String], newcomer: String, among mentors: [Mentor]) -> [Suggestion] {
        let wanted = Set(topics)
        return mentors.filter { $0.hasRoom && $0.id != newcomer }
            .map { ($0, wanted.intersection($0.topics).sorted()) }
            .filter { !$0.1.isEmpty }
            .sorted { a, b in
                if a.1.count != b.1.count { return a.1.count > b.1.count }
                if a.0.pairs != b.0.pairs { return a.0.pairs < b.0.pairs }
                return a.0.id < b.0.id
            }
            .map { Suggestion(mentor: $0.0.id, shared: $0.1) }
    }
}
