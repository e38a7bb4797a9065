import Foundation
import Yams

/// A shipped YAML file in another language (`Resources/KIND/LANGUAGE/FILE.yaml`, the same ids as English): its words
/// are laid over the English file, which keeps everything else — ids, points, links, conditions — so a translation
/// cannot change how anything is scored or linked. Items of a list are matched by `id`; a text the translation lacks
/// stays English and is counted.
public enum TranslatedYAML {
    /// The keys whose texts are words for people; everything else always comes from English.
    public static let wordKeys: Set<String> = [
        "text", "title", "summary", "help", "why", "steps", "feedback", "body", "evidence", "intro", "definition", "measured", "not_sure",
        "matches",
    ]

    public struct Merged: Sendable {
        public let text: String
        /// Texts of the English file the translation does not give.
        public let missing: Int
    }

    /// `english` with the words of `translation` laid over it; `file` names the file in errors.
    public static func merge(english: String, translation: String, file: String) throws -> Merged {
        guard let base = try compose(english, file), let words = try compose(translation, file) else {
            throw ShippedFileError(file: file, id: nil, reason: "is empty")
        }
        var missing = 0
        let merged = overlay(base, words, key: nil, missing: &missing)
        do {
            return Merged(text: try serialize(node: merged, width: -1, allowUnicode: true), missing: missing)
        } catch {
            throw ShippedFileError(file: file, id: nil, reason: "cannot be written back: \(error)")
        }
    }

    /// How many word texts a file has (every one is missing when a language has no such file).
    public static func wordCount(_ english: String, file: String) throws -> Int {
        guard let node = try compose(english, file) else { return 0 }
        var count = 0
        _ = overlay(node, nil, key: nil, missing: &count)
        return count
    }

    /// The ids of the items of each list in `text`, with their path: two languages of a file must agree on these.
    public static func ids(_ text: String, file: String) throws -> [String] {
        guard let node = try compose(text, file) else { return [] }
        var found: [String] = []
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { walk(value, path + "." + (key.string ?? "?")) }
            case .sequence(let sequence):
                for item in sequence {
                    if let id = item.mapping?["id"]?.string { found.append(path + "#" + id); walk(item, path + "#" + id) }
                }
            default: break
            }
        }
        walk(node, "")
        return found
    }

    private static func compose(_ text: String, _ file: String) throws -> Node? {
        do { return try Yams.compose(yaml: text) } catch {
            throw ShippedFileError(file: file, id: nil, reason: "is not valid YAML: \(error)")
        }
    }

    private static func overlay(_ base: Node, _ words: Node?, key: String?, missing: inout Int) -> Node {
        switch base {
        case .mapping(let mapping):
            let pairs = mapping.map { pair -> (Node, Node) in
                let name = pair.key.string ?? ""
                return (pair.key, overlay(pair.value, words?.mapping?[name], key: name, missing: &missing))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style))
        case .sequence(let sequence):
            if let key, wordKeys.contains(key), sequence.allSatisfy({ $0.scalar != nil }) {
                // A list of texts (steps) is translated whole, however many it has.
                guard let translated = words?.sequence, !translated.isEmpty, translated.allSatisfy({ $0.scalar != nil }) else {
                    missing += sequence.count
                    return base
                }
                return .sequence(translated)
            }
            let byID = Dictionary((words?.sequence ?? []).compactMap { item in item.mapping?["id"]?.string.map { ($0, item) } }) { first, _ in first }
            let items = sequence.enumerated().map { index, item -> Node in
                if let id = item.mapping?["id"]?.string { return overlay(item, byID[id], key: key, missing: &missing) }
                // Items without ids (links) are matched by place.
                let same = words?.sequence.flatMap { index < $0.count ? $0[index] : nil }
                return overlay(item, same, key: key, missing: &missing)
            }
            return .sequence(Node.Sequence(items, sequence.tag, sequence.style))
        case .scalar:
            guard let key, wordKeys.contains(key) else { return base }
            if let text = words?.scalar, !text.string.isEmpty { return .scalar(text) }
            missing += 1
            return base
        case .alias:
            return base
        }
    }
}
