import Foundation

/// A guided lab for beginners, written by an organiser as plain text: each step starts with a `## ` title line,
/// then its instructions (markdown), then optional `Hint:` and `Answer:` lines. A step with an answer is done when
/// the learner gives it (ignoring case and surrounding spaces; only its digest is stored, as a flag's is); a step
/// without one is done when the learner says so.
///
///     ## Find the sender's real address
///     Open the message and show its headers. Look for the `Return-Path` line.
///     Hint: In most mail apps it is under "Show original".
///     Answer: billing@examp1e.com
public enum LabScript {
    public static let maxSteps = 30
    public static let maxInstructions = 5000

    public struct Step: Sendable, Equatable {
        public var title: String
        public var instructions: String
        public var hint: String
        /// The expected answer as written; the server keeps only its digest.
        public var answer: String?
    }

    public enum Problem: Error, Sendable, Equatable {
        /// Text before the first `## ` title.
        case textBeforeFirstStep(line: Int)
        case emptyTitle(line: Int)
        case noInstructions(step: Int)
        case duplicate(step: Int, field: String)
        case tooLong(step: Int)
        case noSteps
        case tooManySteps
    }

    public static func parse(_ text: String) -> Result<[Step], Problem> {
        var steps: [Step] = []
        var lines: [String] = []
        var hint: String?
        var answer: String?
        var title = ""

        func close() -> Problem? {
            guard !title.isEmpty else { return nil }
            let instructions = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if instructions.isEmpty { return .noInstructions(step: steps.count + 1) }
            if instructions.count > maxInstructions || title.count > 150 || (hint?.count ?? 0) > 1000
                || (answer?.count ?? 0) > FlagDigest.maxLength { return .tooLong(step: steps.count + 1) }
            steps.append(Step(title: title, instructions: instructions, hint: hint ?? "", answer: answer))
            return nil
        }

        for (index, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw), number = index + 1
            if line.hasPrefix("## ") || line == "##" {
                if let problem = close() { return .failure(problem) }
                title = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                if title.isEmpty { return .failure(.emptyTitle(line: number)) }
                lines = []; hint = nil; answer = nil
                continue
            }
            if title.isEmpty {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                return .failure(.textBeforeFirstStep(line: number))
            }
            if let value = field("Hint:", in: line) {
                if hint != nil { return .failure(.duplicate(step: steps.count + 1, field: "Hint")) }
                hint = value
            } else if let value = field("Answer:", in: line) {
                if answer != nil { return .failure(.duplicate(step: steps.count + 1, field: "Answer")) }
                answer = value.isEmpty ? nil : value
            } else {
                lines.append(line)
            }
        }
        if let problem = close() { return .failure(problem) }
        if steps.isEmpty { return .failure(.noSteps) }
        if steps.count > maxSteps { return .failure(.tooManySteps) }
        return .success(steps)
    }

    private static func field(_ name: String, in line: String) -> String? {
        guard line.lowercased().hasPrefix(name.lowercased()) else { return nil }
        return String(line.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
    }

    /// The step a learner is on: the first not done, or nil when every step is done. Steps are taken in order.
    public static func current(steps: Int, done: Set<Int>) -> Int? {
        (0..<steps).first { !done.contains($0) }
    }
}
