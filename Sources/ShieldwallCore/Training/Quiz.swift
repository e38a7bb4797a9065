import Foundation

/// A module's quiz: every question answered, one option each; passed at `pass` correct answers. Each option carries
/// its own feedback, so a wrong answer says why and a right one says what to remember.
public struct Quiz: Codable, Sendable, Equatable {
    public struct Question: Codable, Sendable, Equatable {
        public let id: String
        public let text: String
        public let options: [Option]
    }

    public struct Option: Codable, Sendable, Equatable {
        public let id: String
        public let text: String
        public let correct: Bool
        public let feedback: String
    }

    /// Correct answers needed to pass.
    public let pass: Int
    public let questions: [Question]

    public init(pass: Int, questions: [Question]) {
        self.pass = pass
        self.questions = questions
    }

    public struct Feedback: Sendable, Equatable {
        public let questionID: String
        public let chosen: String
        public let correct: Bool
        public let text: String
    }

    public struct Outcome: Sendable, Equatable {
        public let correct: Int
        public let total: Int
        public let passed: Bool
        /// In the quiz's order, one per question.
        public let feedback: [Feedback]
    }

    public enum Problem: Error, Sendable, Equatable {
        /// An answer to a question this quiz does not have (another course's, or made up).
        case notInQuiz(question: String)
        case missing(question: String)
        case unknownOption(question: String, option: String)
    }

    /// Marks a full set of answers (question id → option id).
    public func mark(_ answers: [String: String]) -> Result<Outcome, Problem> {
        let ids = Set(questions.map(\.id))
        if let stranger = answers.keys.sorted().first(where: { !ids.contains($0) }) { return .failure(.notInQuiz(question: stranger)) }
        var correct = 0
        var feedback: [Feedback] = []
        for q in questions {
            guard let chosen = answers[q.id], !chosen.isEmpty else { return .failure(.missing(question: q.id)) }
            guard let option = q.options.first(where: { $0.id == chosen }) else {
                return .failure(.unknownOption(question: q.id, option: chosen))
            }
            if option.correct { correct += 1 }
            feedback.append(Feedback(questionID: q.id, chosen: chosen, correct: option.correct, text: option.feedback))
        }
        return .success(Outcome(correct: correct, total: questions.count, passed: correct >= pass, feedback: feedback))
    }

    /// Why the quiz cannot be used, or nil.
    func problem() -> String? {
        guard !questions.isEmpty else { return "the quiz has no questions" }
        guard (1...questions.count).contains(pass) else { return "pass must be between 1 and the number of questions" }
        var seen = Set<String>()
        for q in questions {
            guard seen.insert(q.id).inserted else { return "question '\(q.id)' is used twice" }
            guard q.options.count >= 2 else { return "question '\(q.id)' needs at least two answers" }
            guard q.options.contains(where: \.correct) else { return "question '\(q.id)' has no correct answer" }
            guard Set(q.options.map(\.id)).count == q.options.count else { return "question '\(q.id)' repeats an answer id" }
            guard q.options.allSatisfy({ !$0.feedback.trimmingWhitespace().isEmpty }) else { return "question '\(q.id)' has an answer without feedback" }
        }
        return nil
    }

    /// The same questions and answers (by id, and which are right) as `other`: a translation may not change the marking.
    func marksLike(_ other: Quiz) -> Bool {
        pass == other.pass && questions.count == other.questions.count && zip(questions, other.questions).allSatisfy { a, b in
            a.id == b.id && a.options.map(\.id) == b.options.map(\.id) && a.options.map(\.correct) == b.options.map(\.correct)
        }
    }
}
