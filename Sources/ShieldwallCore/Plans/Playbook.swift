import Foundation

/// Whom a firm calls in an incident; each firm fills in its own when it adopts a playbook.
public enum ContactRole: String, CaseIterable, Codable, Sendable {
    case itProvider = "it-provider"
    case bank
    case insurer
    case outOfHours = "out-of-hours"
    case webHost = "web-host"
}

public struct PlaybookStep: Codable, Equatable, Sendable {
    /// Unique within its playbook: a run ticks steps by it.
    public var id: String
    public var text: String
    /// Whom this step calls, from the firm's own contacts.
    public var call: ContactRole?

    public init(id: String, text: String, call: ContactRole? = nil) {
        self.id = id
        self.text = text
        self.call = call
    }
}

public struct PlaybookPhase: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var steps: [PlaybookStep]

    public init(id: String, title: String, steps: [PlaybookStep]) {
        self.id = id
        self.title = title
        self.steps = steps
    }
}

/// What to do in one kind of incident, phase by phase, in short plain steps. Shipped ones are data
/// (`Resources/playbooks/`); a community adds its own or adapts a shipped one.
public struct Playbook: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var summary: String
    /// Words in a help request that point to this playbook.
    public var matches: [String]
    public var contacts: [ContactRole]
    public var phases: [PlaybookPhase]
    public var evidence: [String]

    public init(id: String, title: String, summary: String, matches: [String] = [], contacts: [ContactRole] = [],
                phases: [PlaybookPhase], evidence: [String] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.matches = matches
        self.contacts = contacts
        self.phases = phases
        self.evidence = evidence
    }

    public var steps: [PlaybookStep] { phases.flatMap(\.steps) }

    public func step(_ id: String) -> PlaybookStep? { steps.first { $0.id == id } }

    /// The content as stored for a community's own playbook.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public static func read(json: String) -> Playbook? {
        try? JSONDecoder().decode(Playbook.self, from: Data(json.utf8))
    }

    /// Why this playbook cannot be used, or nil.
    public func problem() -> String? {
        if title.trimmingWhitespace().isEmpty { return "it needs a title" }
        if phases.isEmpty { return "it needs at least one phase" }
        var seen = Set<String>()
        for phase in phases {
            if phase.steps.isEmpty { return "phase '\(phase.title)' has no steps" }
            for step in phase.steps {
                guard seen.insert(step.id).inserted else { return "step id '\(step.id)' is used twice" }
                if step.text.trimmingWhitespace().isEmpty { return "step '\(step.id)' has no text" }
                if let role = step.call, !contacts.contains(role) { return "step '\(step.id)' calls '\(role.rawValue)', which is not among its contacts" }
            }
        }
        return nil
    }
}

/// The playbooks shipped with Shieldwall.
public enum PlaybookLibrary {
    public static func bundled() throws -> [Playbook] {
        try load(folder: ShippedFile.folder("playbooks"))
    }

    /// The languages the shipped playbooks are translated into, besides English.
    public static func bundledLanguages() throws -> [String] { ShippedFile.languages(of: try ShippedFile.folder("playbooks")) }

    /// The shipped playbooks in `language` (`playbooks/LANGUAGE/`, words over the English files), and how many
    /// of their texts had to stay English.
    public static func bundled(language: String) throws -> (playbooks: [Playbook], missing: Int) {
        let folder = try ShippedFile.folder("playbooks")
        let files = ShippedFile.Translated(folder: folder, language: language)
        return (try load(folder: folder, text: files.text), files.missing)
    }

    /// Every `*.yaml` in the folder, in the order of their names, checked.
    public static func load(folder: URL) throws -> [Playbook] {
        try load(folder: folder) { try ShippedFile.text(folder.appendingPathComponent($0)) }
    }

    static func load(folder: URL, text: (String) throws -> String) throws -> [Playbook] {
        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var out: [Playbook] = []
        for file in files {
            let playbook: Playbook = try ShippedFile.decode(text(file.lastPathComponent), name: file.lastPathComponent)
            if let problem = playbook.problem() { throw ShippedFileError(file: file.lastPathComponent, id: playbook.id, reason: problem) }
            guard !out.contains(where: { $0.id == playbook.id }) else {
                throw ShippedFileError(file: file.lastPathComponent, id: playbook.id, reason: "id already used")
            }
            out.append(playbook)
        }
        guard !out.isEmpty else { throw ShippedFileError(file: folder.lastPathComponent, id: nil, reason: "no playbooks") }
        return out
    }

    /// The playbook a help request's words point to most: the one with most of its `matches` in the text, the
    /// first listed on a tie; nil when none matches at all.
    public static func match(_ text: String, among playbooks: [Playbook]) -> Playbook? {
        func plain(_ s: String) -> String {
            String(s.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(separator: " ")
        }
        let words = " " + plain(text) + " "
        var best: (Playbook, Int)?
        for playbook in playbooks {
            let score = playbook.matches.filter { words.contains(" " + plain($0) + " ") }.count
            if score > 0, score > (best?.1 ?? 0) { best = (playbook, score) }
        }
        return best?.0
    }
}
