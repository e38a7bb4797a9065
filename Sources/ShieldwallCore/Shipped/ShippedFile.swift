import Foundation
import Yams

/// Content shipped as YAML (the question bank, the plan template, the playbooks) that cannot be used, named
/// by file and item and why. Checked at start, so a broken file stops the server instead of a page.
public struct ShippedFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let id: String?
    public let reason: String

    public init(file: String, id: String?, reason: String) {
        self.file = file
        self.id = id
        self.reason = reason
    }

    public var description: String {
        "\(file)\(id.map { " (\($0))" } ?? ""): \(reason)"
    }
}

/// The name the assessment's loaders gave it first.
public typealias QuestionBankError = ShippedFileError

enum ShippedFile {
    /// A folder of `Resources/`, as shipped.
    static func folder(_ name: String) throws -> URL {
        guard let folder = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw ShippedFileError(file: "Resources/\(name)", id: nil, reason: "the shipped files are missing")
        }
        return folder
    }

    /// Reads one YAML file; a missing key or a wrong type is named by its path in the file (`phases.#2.steps`).
    static func decode<T: Decodable>(_ url: URL) throws -> T {
        try decode(text(url), name: url.lastPathComponent)
    }

    /// One file's text, or an error naming it.
    static func text(_ url: URL) throws -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw ShippedFileError(file: url.lastPathComponent, id: nil, reason: "cannot be read")
        }
    }

    /// Decodes YAML `text` read from the file `name`.
    static func decode<T: Decodable>(_ text: String, name: String) throws -> T {
        do { return try YAMLDecoder().decode(T.self, from: text) } catch let DecodingError.keyNotFound(key, context) {
            throw ShippedFileError(file: name, id: path(context), reason: "'\(key.stringValue)' is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            throw ShippedFileError(file: name, id: path(context),
                                   reason: context.debugDescription + (context.underlyingError.map { " (\($0))" } ?? ""))
        } catch {
            throw ShippedFileError(file: name, id: nil, reason: "is not valid YAML: \(error)")
        }
    }

    private static func path(_ context: DecodingError.Context) -> String? {
        let path = context.codingPath.map { $0.intValue.map { "#\($0 + 1)" } ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? nil : path
    }

    /// The languages a shipped folder has translations for: its sub-folders (`assessment/es/`).
    static func languages(of folder: URL) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        return entries.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }.map(\.lastPathComponent).sorted()
    }

    /// Reads the files of `folder` in `language`: each English file with the words of `folder/LANGUAGE/NAME` laid over
    /// it (`TranslatedYAML`), English where there is none; `missing` counts the texts left in English.
    final class Translated {
        let folder: URL
        /// Where the language's files are: `folder/LANGUAGE` unless said otherwise.
        let translations: URL
        let language: String
        private(set) var missing = 0

        init(folder: URL, language: String, translations: URL? = nil) {
            self.folder = folder
            self.language = language
            self.translations = translations ?? folder.appendingPathComponent(language)
        }

        func text(_ name: String) throws -> String {
            let english = try ShippedFile.text(folder.appendingPathComponent(name))
            guard language != "en" else { return english }
            let translated = translations.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: translated.path) else {
                missing += try TranslatedYAML.wordCount(english, file: name)
                return english
            }
            let merged = try TranslatedYAML.merge(english: english, translation: try ShippedFile.text(translated), file: "\(language)/\(name)")
            missing += merged.missing
            return merged.text
        }
    }
}
