import Foundation

/// Polls in a thread: single or multiple choice, a closing time, one vote per person. Results show to
/// those who voted, and to everyone once the poll is closed; who voted for what is never kept.
public enum PollRules {
    public static let minOptions = 2
    public static let maxOptions = 10
    public static let optionLength = 100
    public static let questionLength = 200

    public enum Problem: Error, Equatable {
        case closed, alreadyVoted, noChoice, oneOnly, unknownOption
        case tooFewOptions, tooManyOptions, optionTooLong, closesInPast, duplicateOption
    }

    /// The options as typed one per line; blank lines dropped.
    public static func options(from text: String) -> Result<[String], Problem> {
        let options = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if options.count < minOptions { return .failure(.tooFewOptions) }
        if options.count > maxOptions { return .failure(.tooManyOptions) }
        if options.contains(where: { $0.count > optionLength }) { return .failure(.optionTooLong) }
        if Set(options.map { $0.lowercased() }).count != options.count { return .failure(.duplicateOption) }
        return .success(options)
    }

    public static func checkClosing(_ closesAt: Date, now: Date) -> Problem? { closesAt <= now ? .closesInPast : nil }

    public static func isClosed(closesAt: Date, closedEarly: Bool, now: Date) -> Bool { closedEarly || closesAt <= now }

    public static func checkVote(choices: [UUID], options: Set<UUID>, multiple: Bool, closed: Bool, alreadyVoted: Bool) -> Problem? {
        if closed { return .closed }
        if alreadyVoted { return .alreadyVoted }
        if choices.isEmpty { return .noChoice }
        if !multiple && Set(choices).count > 1 { return .oneOnly }
        if !Set(choices).isSubset(of: options) { return .unknownOption }
        return nil
    }

    public static func canSeeResults(voted: Bool, closed: Bool) -> Bool { voted || closed }
}
