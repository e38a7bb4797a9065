import Foundation

/// The plan a community starts from (`Resources/plans/template.yaml`): every section, each with measures.
public struct PlanTemplate: Decodable, Sendable {
    public let version: String
    public let sections: [PlanSection]

    public var content: PlanContent { PlanContent(sections: sections) }

    public static func bundled() throws -> PlanTemplate {
        try load(ShippedFile.folder("plans").appendingPathComponent("template.yaml"), playbooks: PlaybookLibrary.bundled().map(\.id))
    }

    /// The languages the shipped template is translated into, besides English.
    public static func bundledLanguages() throws -> [String] { ShippedFile.languages(of: try ShippedFile.folder("plans")) }

    /// The shipped template in `language` (`plans/LANGUAGE/template.yaml`, words over English), and how many of
    /// its texts had to stay English.
    public static func bundled(language: String) throws -> (template: PlanTemplate, missing: Int) {
        let files = ShippedFile.Translated(folder: try ShippedFile.folder("plans"), language: language)
        let template = try load(text: try files.text("template.yaml"), name: "template.yaml", playbooks: try PlaybookLibrary.bundled().map(\.id))
        return (template, files.missing)
    }

    /// Reads and checks a template: all six sections in order, measure ids unique, texts within bounds, and
    /// every playbook a measure names among `playbooks`.
    public static func load(_ file: URL, playbooks: [String]? = nil) throws -> PlanTemplate {
        try load(text: try ShippedFile.text(file), name: file.lastPathComponent, playbooks: playbooks)
    }

    static func load(text: String, name: String, playbooks: [String]?) throws -> PlanTemplate {
        let template: PlanTemplate = try ShippedFile.decode(text, name: name)
        func fail(_ id: String?, _ reason: String) -> ShippedFileError { ShippedFileError(file: name, id: id, reason: reason) }
        guard template.sections.map(\.id) == PlanSectionKind.allCases else {
            throw fail(nil, "the sections must be \(PlanSectionKind.allCases.map(\.rawValue).joined(separator: ", ")), in that order")
        }
        var seen = Set<String>()
        for measure in template.content.measures {
            guard seen.insert(measure.id).inserted else { throw fail(measure.id, "id used twice") }
            guard !measure.title.isEmpty, measure.title.count <= PlanContent.maxTitle else { throw fail(measure.id, "the title is empty or too long") }
            guard measure.text.count <= PlanContent.maxText else { throw fail(measure.id, "the text is too long") }
            if let playbook = measure.playbook, let known = playbooks, !known.contains(playbook) {
                throw fail(measure.id, "names playbook '\(playbook)', which is not shipped")
            }
        }
        return template
    }
}
