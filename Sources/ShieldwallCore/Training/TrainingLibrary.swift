import Foundation

/// Our own modules in every language shipped. English holds every module; another language may translate some of
/// them, with the same questions and answers (a translation cannot change what passes).
public struct TrainingLibrary: Sendable {
    /// Module id → language → module.
    private let modules: [String: [String: TrainingModule]]
    /// Module ids in the shipped order.
    public let ids: [String]

    public init(_ byLanguage: [String: [TrainingModule]]) throws {
        var modules: [String: [String: TrainingModule]] = [:]
        for (language, list) in byLanguage {
            for module in list { modules[module.id, default: [:]][language] = module.inLanguage(language) }
        }
        self.modules = modules
        ids = (byLanguage[CourseLanguages.base] ?? []).sorted { ($0.order, $0.id) < ($1.order, $1.id) }.map(\.id)
        try check(byLanguage)
    }

    private func check(_ byLanguage: [String: [TrainingModule]]) throws {
        let english = Set(ids)
        for (language, list) in byLanguage {
            var seen = Set<String>()
            for module in list {
                func fail(_ reason: String) -> ShippedFileError { ShippedFileError(file: "training/\(language)/\(module.id).yaml", id: module.id, reason: reason) }
                guard seen.insert(module.id).inserted else { throw fail("module id used twice") }
                if let problem = module.problem() { throw fail(problem) }
                guard english.contains(module.id) else { throw fail("has no English version") }
                if let base = modules[module.id]?[CourseLanguages.base], !module.quiz.marksLike(base.quiz) {
                    throw fail("its quiz's questions, answers or pass mark differ from the English version")
                }
            }
        }
    }

    /// The module in `language`, or in English where it is not translated.
    public func module(_ id: String, language: String) -> TrainingModule? {
        guard let versions = modules[id], let chosen = CourseLanguages.pick(language, among: Array(versions.keys)) else { return nil }
        return versions[chosen]
    }

    public func languages(of id: String) -> [String] { (modules[id].map { Array($0.keys) } ?? []).sorted() }

    public func contains(_ id: String) -> Bool { modules[id] != nil }

    /// The modules shipped in `Resources/training/`, one folder per language.
    public static func bundled() throws -> TrainingLibrary {
        try load(ShippedFile.folder("training"))
    }

    public static func load(_ folder: URL) throws -> TrainingLibrary {
        let fm = FileManager.default
        var byLanguage: [String: [TrainingModule]] = [:]
        for language in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where CourseLanguages.known.contains(language) {
            let dir = folder.appendingPathComponent(language)
            for name in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where name.hasSuffix(".yaml") {
                let module: TrainingModule = try ShippedFile.decode(dir.appendingPathComponent(name))
                guard name == module.id + ".yaml" else {
                    throw ShippedFileError(file: "training/\(language)/\(name)", id: module.id, reason: "the file must be named after its id")
                }
                byLanguage[language, default: []].append(module)
            }
        }
        guard byLanguage[CourseLanguages.base]?.isEmpty == false else {
            throw ShippedFileError(file: "Resources/training/en", id: nil, reason: "the English modules are missing")
        }
        return try TrainingLibrary(byLanguage)
    }
}
