import Foundation
import Yams

/// Short awareness check-ins for staff, each question with feedback on every answer.
public struct CoachCheckIn: Sendable, Codable, Equatable {
    public struct Question: Sendable, Codable, Equatable {
        public let id: String
        public let text: String
        public let options: [Option]
    }
    public struct Option: Sendable, Codable, Equatable {
        public let id: String
        public let text: String
        public let correct: Bool
        public let feedback: String
    }

    public let id: String
    public let title: String
    public let topic: String
    public let intro: String
    public let questions: [Question]

    public struct Outcome: Sendable, Equatable {
        public let correct: Int
        public let total: Int
        /// Question id → the feedback on the answer given.
        public let feedback: [(questionID: String, correct: Bool, text: String)]
        public var isWeak: Bool { correct < total }

        public static func == (a: Self, b: Self) -> Bool { a.correct == b.correct && a.total == b.total }
    }

    public enum Problem: Error, Sendable, Equatable {
        case missing(question: String)
        case unknownOption(question: String, option: String)
    }

    /// Marks a full set of answers (question id → option id); every question must be answered.
    public func mark(_ answers: [String: String]) -> Result<Outcome, Problem> {
        var correct = 0
        var feedback: [(String, Bool, String)] = []
        for q in questions {
            guard let chosen = answers[q.id] else { return .failure(.missing(question: q.id)) }
            guard let option = q.options.first(where: { $0.id == chosen }) else {
                return .failure(.unknownOption(question: q.id, option: chosen))
            }
            if option.correct { correct += 1 }
            feedback.append((q.id, option.correct, option.feedback))
        }
        return .success(Outcome(correct: correct, total: questions.count, feedback: feedback))
    }
}

public enum StaffCoach {
    public static func bundled() throws -> [CoachCheckIn] {
        guard let url = Bundle.module.url(forResource: "coach", withExtension: "yaml", subdirectory: "Resources/assessment") else {
            throw QuestionBankError(file: "coach.yaml", id: nil, reason: "the bundled check-ins are missing")
        }
        return try load(url)
    }

    /// The shipped check-ins in `language`, and how many of their texts had to stay English.
    public static func bundled(language: String) throws -> (checkIns: [CoachCheckIn], missing: Int) {
        let files = ShippedFile.Translated(folder: try ShippedFile.folder("assessment"), language: language)
        return (try load(text: try files.text("coach.yaml"), name: "coach.yaml"), files.missing)
    }

    public static func load(_ url: URL) throws -> [CoachCheckIn] {
        try load(text: (try? String(contentsOf: url, encoding: .utf8)) ?? "", name: url.lastPathComponent)
    }

    static func load(text: String, name: String) throws -> [CoachCheckIn] {
        struct File: Decodable { let checkins: [CoachCheckIn] }
        let file: File
        do { file = try YAMLDecoder().decode(File.self, from: text) } catch {
            throw QuestionBankError(file: name, id: nil, reason: "is not a valid check-in file: \(error)")
        }
        var ids = Set<String>()
        for checkIn in file.checkins {
            func fail(_ reason: String) -> QuestionBankError { QuestionBankError(file: name, id: checkIn.id, reason: reason) }
            guard ids.insert(checkIn.id).inserted else { throw fail("check-in id used twice") }
            guard !checkIn.questions.isEmpty else { throw fail("has no questions") }
            for q in checkIn.questions {
                guard q.options.contains(where: \.correct) else { throw fail("question '\(q.id)' has no correct answer") }
                guard Set(q.options.map(\.id)).count == q.options.count else { throw fail("question '\(q.id)' repeats an answer id") }
            }
        }
        return file.checkins
    }
}
