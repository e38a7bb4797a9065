import Foundation

/// A playbook's phases as people write them in one text box:
///
///     ## First hour — stop it spreading
///     - Pull the network cable.
///     - Call your IT provider. [call: it-provider]
///
/// A line that follows a step without a dash continues it. Step ids come from the step's first words, so a
/// run's ticks still find their step when other steps are added around it.
public enum PlaybookText {
    public static let maxPhases = 12
    public static let maxSteps = 80
    public static let maxStepLength = 1_000

    public struct Problem: Error, Equatable, Sendable {
        /// 1-based; 0 for the text as a whole.
        public let line: Int
        public let reason: Reason

        public enum Reason: Equatable, Sendable {
            case stepBeforePhase
            case emptyPhaseTitle
            case phaseWithoutSteps(String)
            case unknownRole(String)
            case noPhases
            case tooManyPhases(max: Int)
            case tooManySteps(max: Int)
            case stepTooLong(max: Int)
        }
    }

    public static func render(_ phases: [PlaybookPhase]) -> String {
        phases.map { phase in
            (["## " + phase.title] + phase.steps.map { "- " + $0.text + ($0.call.map { " [call: \($0.rawValue)]" } ?? "") })
                .joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// The phases, and the roles their steps call (for the playbook's contacts).
    public static func parse(_ text: String) -> Result<[PlaybookPhase], Problem> {
        var phases: [PlaybookPhase] = [], stepIDs = Set<String>(), steps = 0
        var phaseLine = 0
        func closePhase() -> Problem? {
            if let last = phases.last, last.steps.isEmpty { return Problem(line: phaseLine, reason: .phaseWithoutSteps(last.title)) }
            return nil
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (n, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("##") {
                if let problem = closePhase() { return .failure(problem) }
                let title = String(line.drop { $0 == "#" }).trimmingWhitespace()
                guard !title.isEmpty else { return .failure(Problem(line: n + 1, reason: .emptyPhaseTitle)) }
                guard phases.count < maxPhases else { return .failure(Problem(line: n + 1, reason: .tooManyPhases(max: maxPhases))) }
                phases.append(PlaybookPhase(id: uniqueID(title, among: Set(phases.map(\.id))), title: title, steps: []))
                phaseLine = n + 1
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                guard !phases.isEmpty else { return .failure(Problem(line: n + 1, reason: .stepBeforePhase)) }
                steps += 1
                guard steps <= maxSteps else { return .failure(Problem(line: n + 1, reason: .tooManySteps(max: maxSteps))) }
                switch step(String(line.dropFirst(2)), line: n + 1, taken: stepIDs) {
                case .failure(let problem): return .failure(problem)
                case .success(let step):
                    stepIDs.insert(step.id)
                    phases[phases.count - 1].steps.append(step)
                }
            } else {
                guard !phases.isEmpty else { return .failure(Problem(line: n + 1, reason: .stepBeforePhase)) }
                guard var last = phases[phases.count - 1].steps.popLast() else {
                    return .failure(Problem(line: n + 1, reason: .stepBeforePhase))
                }
                switch step(last.text + " " + line, line: n + 1, taken: []) {
                case .failure(let problem): return .failure(problem)
                case .success(let joined): last.text = joined.text; last.call = joined.call ?? last.call
                }
                phases[phases.count - 1].steps.append(last)
            }
        }
        if let problem = closePhase() { return .failure(problem) }
        guard !phases.isEmpty else { return .failure(Problem(line: 0, reason: .noPhases)) }
        return .success(phases)
    }

    private static func step(_ raw: String, line: Int, taken: Set<String>) -> Result<PlaybookStep, Problem> {
        var text = raw.trimmingWhitespace(), call: ContactRole?
        if text.hasSuffix("]"), let open = text.range(of: "[call:", options: .backwards) {
            let name = text[open.upperBound...].dropLast().trimmingCharacters(in: .whitespaces)
            guard let role = ContactRole(rawValue: name) else { return .failure(Problem(line: line, reason: .unknownRole(name))) }
            call = role
            text = String(text[..<open.lowerBound]).trimmingWhitespace()
        }
        guard text.count <= maxStepLength else { return .failure(Problem(line: line, reason: .stepTooLong(max: maxStepLength))) }
        return .success(PlaybookStep(id: uniqueID(text, among: taken), text: text, call: call))
    }

    static func uniqueID(_ text: String, among taken: Set<String>) -> String {
        let words = Slug.make(from: text).split(separator: "-").prefix(4).joined(separator: "-")
        let base = words.isEmpty ? "step" : words
        var id = base, n = 2
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        return id
    }
}
