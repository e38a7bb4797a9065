import Foundation

/// The self-assessment's questions, grouped in areas, with the profile questions that decide which
/// apply and the recommendations unmet answers lead to. Loaded from versioned YAML files
/// (`QuestionBankLoader`), validated once at start, then only read.
public struct QuestionBank: Sendable {
    public let version: String
    public let profile: [ProfileQuestion]
    public let areas: [AssessmentArea]
    public let recommendations: [String: Recommendation]
    /// The text shown under every "Not sure" answer.
    public let notSureExplanation: String

    public init(version: String, profile: [ProfileQuestion], areas: [AssessmentArea], recommendations: [String: Recommendation],
                notSureExplanation: String) {
        self.version = version
        self.profile = profile
        self.areas = areas
        self.recommendations = recommendations
        self.notSureExplanation = notSureExplanation
    }

    public var questions: [AssessmentQuestion] { areas.flatMap(\.questions) }

    public func area(_ id: String) -> AssessmentArea? { areas.first { $0.id == id } }

    public func question(_ id: String) -> AssessmentQuestion? {
        for area in areas { if let q = area.questions.first(where: { $0.id == id }) { return q } }
        return nil
    }

    public func profileQuestion(_ id: String) -> ProfileQuestion? { profile.first { $0.id == id } }
}

/// "Do you have a web shop?" — answered first; decides which questions apply.
public struct ProfileQuestion: Sendable, Codable, Equatable {
    public let id: String
    public let text: String
    public let help: String?
    public let options: [ProfileOption]

    public struct ProfileOption: Sendable, Codable, Equatable {
        public let id: String
        public let text: String
    }
}

public struct AssessmentArea: Sendable, Equatable {
    public let id: String
    public let title: String
    public let summary: String
    /// One of the five Cyber Essentials controls: its essential questions decide readiness.
    public let cyberEssentials: Bool
    public let questions: [AssessmentQuestion]
}

public struct AssessmentQuestion: Sendable, Codable, Equatable {
    public let id: String
    public let text: String
    /// "What this means", in plain words.
    public let help: String
    public let options: [AnswerOption]
    /// Profile question id → the answers under which this question applies. All must hold.
    public let appliesWhen: [String: [String]]?
    /// Not met here means not Cyber Essentials ready.
    public let essential: Bool?
    /// The recommendation an unmet answer leads to, unless the option names its own.
    public let recommendation: String?

    public var isEssential: Bool { essential ?? false }
    public var maxPoints: Int { options.map(\.points).max() ?? 0 }

    enum CodingKeys: String, CodingKey {
        case id, text, help, options, essential, recommendation
        case appliesWhen = "applies_when"
    }

    /// The option with this id, including the implied "not sure".
    public func option(_ id: String) -> AnswerOption? {
        if id == AnswerOption.notSureID { return .notSure }
        return options.first { $0.id == id }
    }

    /// The recommendation an answer leads to, when it is not met.
    public func recommendation(for option: AnswerOption) -> String? {
        option.met ? nil : (option.recommendation ?? recommendation)
    }
}

public struct AnswerOption: Sendable, Codable, Equatable {
    public static let notSureID = "not-sure"
    /// Every question can be answered "Not sure": no points, counted as not met, and explained.
    public static let notSure = AnswerOption(id: notSureID, text: "Not sure", points: 0, met: false, recommendation: nil)

    public let id: String
    public let text: String
    public let points: Int
    public let met: Bool
    public let recommendation: String?

    public init(id: String, text: String, points: Int, met: Bool, recommendation: String?) {
        self.id = id
        self.text = text
        self.points = points
        self.met = met
        self.recommendation = recommendation
    }
}

public struct Recommendation: Sendable, Codable, Equatable {
    public enum Effort: String, Sendable, Codable, CaseIterable { case minutes, hours, days
        var weight: Int { switch self { case .minutes: 1; case .hours: 2; case .days: 4 } }
    }
    public enum Cost: String, Sendable, Codable, CaseIterable { case free, low, moderate
        var weight: Int { switch self { case .free: 1; case .low: 2; case .moderate: 4 } }
    }
    public struct Link: Sendable, Codable, Equatable {
        public let title: String
        public let url: String
    }

    public let id: String
    public let title: String
    public let why: String
    public let steps: [String]
    public let effort: Effort
    public let cost: Cost
    /// 1 (nice to have) to 5 (stops the most common attacks).
    public let impact: Int
    public let links: [Link]
    /// The kind of provider (a `ProviderService` raw value) that does this step for a firm, when one can: the
    /// results link to the directory filtered by it ("set up backups" → backup providers rated by peers).
    public let providerService: String?

    enum CodingKeys: String, CodingKey {
        case id, title, why, steps, effort, cost, impact, links
        case providerService = "provider_service"
    }

    /// Higher first: much impact for little effort and money ("turn on MFA" before "buy a firewall").
    public var priority: Double { Double(impact * impact) / Double(effort.weight + cost.weight) }
}
