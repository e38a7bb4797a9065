import Foundation

/// The conversation part of a community's health, from plain facts: questions asked, the share answered,
/// the median time to the first expert answer, and how many people posted — numbers only.
public struct ConversationFigures: Sendable, Equatable {
    public struct Question: Sendable, Equatable {
        public var askedAt: Date
        public var firstExpertAnswerAt: Date?
        public var accepted: Bool
        public init(askedAt: Date, firstExpertAnswerAt: Date?, accepted: Bool) {
            self.askedAt = askedAt
            self.firstExpertAnswerAt = firstExpertAnswerAt
            self.accepted = accepted
        }
    }

    public var questionsAsked: Int
    /// Answered = an accepted reply or an expert's reply; `nil` when no question was asked.
    public var shareAnswered: Double?
    public var medianHoursToExpertAnswer: Double?
    public var activePosters: Int

    /// - Parameters:
    ///   - questions: questions asked in the window.
    ///   - posters: distinct people who started a thread or replied in the window.
    public init(questions: [Question], posters: Int) {
        questionsAsked = questions.count
        let answered = questions.filter { $0.accepted || $0.firstExpertAnswerAt != nil }.count
        shareAnswered = questions.isEmpty ? nil : Double(answered) / Double(questions.count)
        let waits = questions.compactMap { q in q.firstExpertAnswerAt.map { $0.timeIntervalSince(q.askedAt) / 3600 } }.sorted()
        if waits.isEmpty {
            medianHoursToExpertAnswer = nil
        } else if waits.count % 2 == 1 {
            medianHoursToExpertAnswer = waits[waits.count / 2]
        } else {
            medianHoursToExpertAnswer = (waits[waits.count / 2 - 1] + waits[waits.count / 2]) / 2
        }
        activePosters = posters
    }
}
