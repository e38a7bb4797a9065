import Foundation

/// The six parts every community plan has, in this order: the four stages of an incident, then the people
/// and the business processes that make or break them.
public enum PlanSectionKind: String, CaseIterable, Codable, Sendable {
    case prevent, detect, respond, recover, people, business
}

/// One thing the community agrees to do, in plain words.
public struct PlanMeasure: Codable, Equatable, Sendable {
    /// Stable across versions: sign-offs, firm variants and actions refer to it.
    public var id: String
    public var title: String
    public var text: String
    /// A playbook this measure runs (Respond), by its id.
    public var playbook: String?

    public init(id: String, title: String, text: String, playbook: String? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.playbook = playbook
    }
}

public struct PlanSection: Codable, Equatable, Sendable {
    public var id: PlanSectionKind
    public var title: String
    public var intro: String
    public var measures: [PlanMeasure]

    public init(id: PlanSectionKind, title: String, intro: String, measures: [PlanMeasure]) {
        self.id = id
        self.title = title
        self.intro = intro
        self.measures = measures
    }
}

/// The words of one version of a community's plan.
public struct PlanContent: Codable, Equatable, Sendable {
    public var sections: [PlanSection]

    public init(sections: [PlanSection]) { self.sections = sections }

    public static let maxTitle = 200
    public static let maxText = 4_000
    public static let maxMeasures = 200

    public var measures: [PlanMeasure] { sections.flatMap(\.measures) }

    public func measure(_ id: String) -> PlanMeasure? { measures.first { $0.id == id } }

    public func section(of measureID: String) -> PlanSectionKind? {
        sections.first { $0.measures.contains { $0.id == measureID } }?.id
    }

    /// The content as stored: JSON with sorted keys, so equal content is equal text.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"sections":[]}"#
    }

    public static func read(json: String) -> PlanContent? {
        try? JSONDecoder().decode(PlanContent.self, from: Data(json.utf8))
    }
}

/// A change to one measure, as a facilitator makes it or a member proposes it.
public enum PlanChange: Equatable, Sendable {
    case edit(measure: String, title: String, text: String)
    case add(section: PlanSectionKind, title: String, text: String)
    case remove(measure: String)
}

/// Why a change cannot be made to this content.
public enum PlanChangeProblem: Error, Equatable, Sendable {
    case unknownMeasure(String)
    case emptyTitle
    case titleTooLong(max: Int)
    case textTooLong(max: Int)
    case tooManyMeasures(max: Int)
    /// The change would leave the measure as it is.
    case noChange
}

extension PlanContent {
    /// The content with `change` made, or why it cannot be. Titles and texts are trimmed; a new measure gets an
    /// id from its section and title that no other measure of this content has.
    public func applying(_ change: PlanChange) -> Result<PlanContent, PlanChangeProblem> {
        var result = self
        switch change {
        case .edit(let id, let rawTitle, let rawText):
            guard let (s, m) = position(of: id) else { return .failure(.unknownMeasure(id)) }
            let title = rawTitle.trimmingWhitespace(), text = rawText.trimmingWhitespace()
            if let problem = Self.check(title: title, text: text) { return .failure(problem) }
            guard title != sections[s].measures[m].title || text != sections[s].measures[m].text else { return .failure(.noChange) }
            result.sections[s].measures[m].title = title
            result.sections[s].measures[m].text = text
        case .add(let kind, let rawTitle, let rawText):
            let title = rawTitle.trimmingWhitespace(), text = rawText.trimmingWhitespace()
            if let problem = Self.check(title: title, text: text) { return .failure(problem) }
            guard measures.count < Self.maxMeasures else { return .failure(.tooManyMeasures(max: Self.maxMeasures)) }
            let measure = PlanMeasure(id: newID(in: kind, title: title), title: title, text: text)
            if let s = result.sections.firstIndex(where: { $0.id == kind }) {
                result.sections[s].measures.append(measure)
            } else {
                result.sections.append(PlanSection(id: kind, title: kind.rawValue.capitalized, intro: "", measures: [measure]))
                result.sections.sort { Self.order(of: $0.id) < Self.order(of: $1.id) }
            }
        case .remove(let id):
            guard let (s, m) = position(of: id) else { return .failure(.unknownMeasure(id)) }
            result.sections[s].measures.remove(at: m)
        }
        return .success(result)
    }

    private static func order(of kind: PlanSectionKind) -> Int { PlanSectionKind.allCases.firstIndex(of: kind) ?? 0 }

    private func position(of id: String) -> (Int, Int)? {
        for (s, section) in sections.enumerated() {
            if let m = section.measures.firstIndex(where: { $0.id == id }) { return (s, m) }
        }
        return nil
    }

    private static func check(title: String, text: String) -> PlanChangeProblem? {
        if title.isEmpty { return .emptyTitle }
        if title.count > maxTitle { return .titleTooLong(max: maxTitle) }
        if text.count > maxText { return .textTooLong(max: maxText) }
        return nil
    }

    private func newID(in kind: PlanSectionKind, title: String) -> String {
        let words = Slug.make(from: title).split(separator: "-").prefix(5).joined(separator: "-")
        let base = kind.rawValue + "-" + (words.isEmpty ? "measure" : words)
        let taken = Set(measures.map(\.id))
        var id = base, n = 2
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        return id
    }
}
