import Foundation

/// The texts of one language, by key. Catalogues are JSON objects of `"key": "text"`; a text may
/// hold `{name}` placeholders filled in at lookup.
public struct Catalogue: Sendable, Equatable {
    public let language: String
    /// The language's own name, shown in the language picker (key `language.name`).
    public var displayName: String { texts["language.name"] ?? language }
    public let texts: [String: String]

    public init(language: String, texts: [String: String]) {
        self.language = language
        self.texts = texts
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case unreadable(file: String)
        case notAnObjectOfStrings(file: String)

        public var description: String {
            switch self {
            case .unreadable(let file): return "\(file): cannot be read"
            case .notAnObjectOfStrings(let file): return "\(file): must be a JSON object of \"key\": \"text\""
            }
        }
    }

    /// Reads every `LANG.json` in a folder; the file name (without extension) is the language code.
    public static func loadFolder(_ folder: URL) throws(Problem) -> [Catalogue] {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        var result: [Catalogue] = []
        for file in files.sorted(by: { $0.path < $1.path }) where file.pathExtension == "json" {
            guard let data = try? Data(contentsOf: file) else { throw .unreadable(file: file.lastPathComponent) }
            guard let texts = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw .notAnObjectOfStrings(file: file.lastPathComponent)
            }
            result.append(Catalogue(language: file.deletingPathExtension().lastPathComponent, texts: texts))
        }
        return result
    }
}

/// Looks texts up for one person: their language first, then English, then the key itself
/// (so a missing text shows up as its key instead of an empty space).
public struct Localiser: Sendable {
    public let language: String
    private let primary: [String: String]
    private let fallback: [String: String]

    public init(language: String, primary: [String: String], fallback: [String: String]) {
        self.language = language
        self.primary = primary
        self.fallback = fallback
    }

    /// The text of `key` with `{name}` filled in from `values`, and any `{n, plural, …}` argument worded for the
    /// number as this language counts (`PluralText`).
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        let language = primary[key] != nil ? self.language : CatalogueSet.baseLanguage
        var text = PluralText.fill(primary[key] ?? fallback[key] ?? key, values, language: language)
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}

/// All catalogues of an instance, with English as the base every other language falls back to.
public struct CatalogueSet: Sendable {
    public static let baseLanguage = "en"
    public let catalogues: [String: Catalogue]

    public init(_ catalogues: [Catalogue]) {
        var byLanguage: [String: Catalogue] = [:]
        for c in catalogues {
            // A later catalogue of the same language adds to and overrides an earlier one.
            let merged = byLanguage[c.language].map { $0.texts.merging(c.texts) { _, new in new } } ?? c.texts
            byLanguage[c.language] = Catalogue(language: c.language, texts: merged)
        }
        self.catalogues = byLanguage
    }

    public var languages: [Catalogue] {
        catalogues.values.sorted { $0.language < $1.language }
    }

    public func supports(_ language: String) -> Bool { catalogues[language] != nil }

    public func localiser(for language: String) -> Localiser {
        let chosen = supports(language) ? language : Self.baseLanguage
        return Localiser(language: chosen,
                         primary: catalogues[chosen]?.texts ?? [:],
                         fallback: catalogues[Self.baseLanguage]?.texts ?? [:])
    }

    /// The first supported language in an HTTP `Accept-Language` header, or English.
    public func negotiate(acceptLanguage header: String?) -> String {
        guard let header else { return Self.baseLanguage }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingWhitespace().lowercased(), !tag.isEmpty else { return nil }
            var q = 1.0
            if let qPart = pieces.dropFirst().first(where: { $0.trimmingWhitespace().hasPrefix("q=") }) {
                q = Double(qPart.trimmingWhitespace().dropFirst(2)) ?? 0
            }
            return (tag, q)
        }.sorted { $0.1 > $1.1 }
        for (tag, _) in ranked {
            if supports(tag) { return tag }
            if let primary = tag.split(separator: "-").first, supports(String(primary)) { return String(primary) }
        }
        return Self.baseLanguage
    }
}
