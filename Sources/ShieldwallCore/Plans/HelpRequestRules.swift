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

/// What a community's health page (facilitator and operator: figures, never content) shows of its plan and
/// of the calls for help raised by its firms.
public struct PlanFigures: Sendable, Equatable {
    /// Nil before version 1 is published.
    public let currentVersion: Int?
    public let firmsOnCurrent: Int
    public let firms: Int
    public let help: HelpFigures

    public init(currentVersion: Int?, firmsOnCurrent: Int, firms: Int, help: HelpFigures) {
        self.currentVersion = currentVersion
        self.firmsOnCurrent = firmsOnCurrent
        self.firms = firms
        self.help = help
    }
}

/// What a community's health page shows of calls for help raised by its firms.
public struct HelpFigures: Sendable, Equatable {
    public let requests: Int
    public let open: Int
    /// Minutes from raising to a helper's first answer, over the requests that got one.
    public let medianMinutesToFirstResponse: Double?

    public init(requests: Int, open: Int, medianMinutesToFirstResponse: Double?) {
        self.requests = requests
        self.open = open
        self.medianMinutesToFirstResponse = medianMinutesToFirstResponse
    }
}

/// A national place to report an incident to, as the operator lists them (one per line: `name | address | when`).
public struct ReportPlace: Sendable, Equatable {
    public let name: String
    public let address: String
    public let when: String

    public static let maxPlaces = 20

    public enum Problem: Error, Equatable, Sendable {
        /// 1-based line without a name or with an address that is not http(s).
        case badLine(Int)
        case tooMany(max: Int)
    }

    public static func parse(_ text: String) -> Result<[ReportPlace], Problem> {
        var out: [ReportPlace] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, !parts[0].isEmpty, let url = URL(string: parts[1]), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  url.host != nil
            else { return .failure(.badLine(n + 1)) }
            out.append(ReportPlace(name: parts[0], address: parts[1], when: parts.count > 2 ? parts[2...].joined(separator: " | ") : ""))
            if out.count > maxPlaces { return .failure(.tooMany(max: maxPlaces)) }
        }
        return .success(out)
    }

    public init(name: String, address: String, when: String) {
        self.name = name
        self.address = address
        self.when = when
    }
}
