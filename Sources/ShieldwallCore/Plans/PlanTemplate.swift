import Foundation

/// The plan a community starts from (`Resources/plans/template.yaml`): every section, each with measures.
public struct PlanTemplate: Decodable, Sendable {
    public let version: String
    public let sections: [PlanSection]

    public var content: PlanContent { PlanContent(sections: sections) }

    public static func bundled() throws -> PlanTemplate {
        try load(ShippedFile.folder("plans").appendingPathComponent("template.yaml"), playbooks: PlaybookLibrary.bundled().map(\.id))
    }

    /// Reads and checks a template: all six sections in order, measure ids unique, texts within bounds, and
    /// every playbook a measure names among `playbooks`.
    public static func load(_ file: URL, playbooks: [String]? = nil) throws -> PlanTemplate {
        let template: PlanTemplate = try ShippedFile.decode(file)
        func fail(_ id: String?, _ reason: String) -> ShippedFileError { ShippedFileError(file: file.lastPathComponent, id: id, reason: reason) }
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
