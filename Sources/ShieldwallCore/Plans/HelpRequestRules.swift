import Foundation

/// "I need help now": who may do what to an urgent request, and the figures it adds to a community's health.
public enum HelpRequestRules {
    public enum Status: String, CaseIterable, Codable, Sendable { case open, taken, resolved }

    public enum Action: String, CaseIterable, Codable, Sendable {
        /// A helper says "I am on it": shown to the other helpers.
        case take
        /// Advice or a question, by a helper or the firm.
        case note
        case resolve
        /// The firm says it is not over after all.
        case reopen
    }

    public enum Problem: Error, Equatable, Sendable {
        case alreadyTaken
        case alreadyResolved
        case notResolved
        /// Only the community's experts and facilitator take a request.
        case onlyHelpersTake
    }

    /// Why `action` cannot be done now by someone who is a helper (`isHelper`) or of the firm that asked.
    public static func problem(_ action: Action, status: Status, isHelper: Bool) -> Problem? {
        switch action {
        case .take:
            if !isHelper { return .onlyHelpersTake }
            if status == .taken { return .alreadyTaken }
            if status == .resolved { return .alreadyResolved }
        case .note, .resolve:
            if status == .resolved { return .alreadyResolved }
        case .reopen:
            if status != .resolved { return .notResolved }
        }
        return nil
    }

    /// The status after `action`.
    public static func status(after action: Action, from status: Status) -> Status {
        switch action {
        case .take: .taken
        case .note: status
        case .resolve: .resolved
        case .reopen: .open
        }
    }

    /// The TLP markings a request's description may carry: it goes to the firm's helpers, so not RED, which is
    /// for named people only.
    public static let markings: [TLP] = [.clear, .green, .amber, .amberStrict]

    public static let maxDescription = 2_000

    /// The median minutes from raising a request to a helper's first answer (taking it or a note), over the
    /// requests that got one; nil when none did.
    public static func medianMinutesToFirstResponse(_ requests: [(raised: Date, firstResponse: Date?)]) -> Double? {
        let waits = requests.compactMap { r in r.firstResponse.map { max(0, $0.timeIntervalSince(r.raised) / 60) } }.sorted()
        guard !waits.isEmpty else { return nil }
        let mid = waits.count / 2
        return waits.count % 2 == 1 ? waits[mid] : (waits[mid - 1] + waits[mid]) / 2
    }
}
