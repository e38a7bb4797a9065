import Foundation

/// Reads a versioned bank from a folder: `bank.yaml` (version, profile questions, the area files in
/// order) and one YAML file per area with its questions and recommendations, then validates it all.
public enum QuestionBankLoader {
    /// The bank shipped with Shieldwall.
    public static func bundled() throws -> QuestionBank {
        try load(folder: ShippedFile.folder("assessment"))
    }

    /// The languages the shipped bank is translated into, besides English.
    public static func bundledLanguages() throws -> [String] { ShippedFile.languages(of: try ShippedFile.folder("assessment")) }

    /// The shipped bank in `language` (the same ids, points and version as English), and how many of its texts
    /// had to stay English.
    public static func bundled(language: String) throws -> (bank: QuestionBank, missing: Int) {
        let files = ShippedFile.Translated(folder: try ShippedFile.folder("assessment"), language: language)
        let bank = try load(files: files.text)
        return (bank, files.missing)
    }

    struct BankFile: Decodable {
        let version: String
        let notSure: String
        let profile: [ProfileQuestion]
        let areas: [String]
        enum CodingKeys: String, CodingKey { case version, profile, areas; case notSure = "not_sure" }
    }

    struct AreaFile: Decodable {
        let id: String
        let title: String
        let summary: String
        let cyberEssentials: Bool?
        let questions: [AssessmentQuestion]
        let recommendations: [Recommendation]?
        enum CodingKeys: String, CodingKey {
            case id, title, summary, questions, recommendations
            case cyberEssentials = "cyber_essentials"
        }
    }

    public static func load(folder: URL) throws -> QuestionBank {
        try load { name in try ShippedFile.text(folder.appendingPathComponent(name)) }
    }

    /// The bank from its files' texts by name: `bank.yaml` and the area files it lists.
    public static func load(files text: (String) throws -> String) throws -> QuestionBank {
        func decode<T: Decodable>(_ name: String) throws -> T { try ShippedFile.decode(text(name), name: name) }
        let bank: BankFile = try decode("bank.yaml")
        var areas: [AssessmentArea] = []
        var recommendations: [String: Recommendation] = [:]
        var seen: [String: String] = [:]   // id → file, for every question and profile question
        for question in bank.profile {
            if let other = seen[question.id] { throw QuestionBankError(file: "bank.yaml", id: question.id, reason: "id already used in \(other)") }
            seen[question.id] = "bank.yaml"
        }
        for name in bank.areas {
            let file: AreaFile = try decode(name)
            for question in file.questions {
                if let other = seen[question.id] { throw QuestionBankError(file: name, id: question.id, reason: "id already used in \(other)") }
                seen[question.id] = name
            }
            for recommendation in file.recommendations ?? [] {
                if recommendations[recommendation.id] != nil {
                    throw QuestionBankError(file: name, id: recommendation.id, reason: "recommendation id used twice")
                }
                try check(recommendation, file: name)
                recommendations[recommendation.id] = recommendation
            }
            areas.append(AssessmentArea(id: file.id, title: file.title, summary: file.summary, cyberEssentials: file.cyberEssentials ?? false,
                              questions: file.questions))
        }
        let result = QuestionBank(version: bank.version, profile: bank.profile, areas: areas, recommendations: recommendations,
                                  notSureExplanation: bank.notSure)
        try validate(result, files: seen)
        return result
    }

    private static func check(_ r: Recommendation, file: String) throws {
        func fail(_ reason: String) -> QuestionBankError { QuestionBankError(file: file, id: r.id, reason: reason) }
        guard (3...6).contains(r.steps.count) else { throw fail("needs 3 to 6 steps, has \(r.steps.count)") }
        guard (1...5).contains(r.impact) else { throw fail("impact must be 1 to 5") }
        for link in r.links where !(link.url.hasPrefix("https://") || link.url.hasPrefix("http://")) {
            throw fail("link '\(link.title)' must be an http(s) address")
        }
        if let service = r.providerService, ProviderService(rawValue: service) == nil {
            throw fail("provider_service '\(service)' is not one of \(ProviderService.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    static func validate(_ bank: QuestionBank, files: [String: String]) throws {
        for area in bank.areas {
            for q in area.questions {
                func fail(_ reason: String) -> QuestionBankError { QuestionBankError(file: files[q.id] ?? "?", id: q.id, reason: reason) }
                guard !q.options.isEmpty else { throw fail("has no answers") }
                var optionIDs = Set<String>()
                for option in q.options {
                    guard option.id != AnswerOption.notSureID else { throw fail("'not-sure' is added to every question; do not list it") }
                    guard optionIDs.insert(option.id).inserted else { throw fail("answer id '\(option.id)' used twice") }
                    guard option.points >= 0 else { throw fail("answer '\(option.id)' has negative points") }
                    if let rec = q.recommendation(for: option), bank.recommendations[rec] == nil {
                        throw fail("answer '\(option.id)' leads to unknown recommendation '\(rec)'")
                    }
                    if !option.met && q.recommendation(for: option) == nil {
                        throw fail("answer '\(option.id)' is not met but leads to no recommendation")
                    }
                }
                guard q.recommendation(for: .notSure) != nil else { throw fail("'not sure' leads to no recommendation: give the question one") }
                guard q.options.contains(where: \.met) else { throw fail("no answer counts as met") }
                guard q.maxPoints > 0 else { throw fail("no answer scores any points") }
                if q.recommendation.map({ bank.recommendations[$0] == nil }) ?? false {
                    throw fail("unknown recommendation '\(q.recommendation ?? "")'")
                }
                for (profileID, values) in q.appliesWhen ?? [:] {
                    guard let profile = bank.profileQuestion(profileID) else { throw fail("applies_when names unknown profile question '\(profileID)'") }
                    for value in values where !profile.options.contains(where: { $0.id == value }) {
                        throw fail("applies_when: '\(profileID)' has no answer '\(value)'")
                    }
                }
            }
        }
    }
}
