import Foundation
#if canImport(_FoundationICU)
import _FoundationICU
#endif

/// CLDR plural categories ("one", "few", "many", "other"…) of a number in a language, from the ICU that ships
/// inside Foundation on Linux: Foundation has no public plural API there, so its own ICU library is asked directly.
/// Where that library is missing, every language gets English's rule (one for exactly 1, other otherwise).
public enum PluralRules {
    public static func category(of number: Double, language: String) -> String {
        #if canImport(_FoundationICU)
        if let rules = Cache.shared.rules(for: language) {
            var status = U_ZERO_ERROR
            var buffer = [UChar](repeating: 0, count: 16)
            let length = swift_uplrules_select(rules, number, &buffer, Int32(buffer.count), &status)
            if status.rawValue <= U_ZERO_ERROR.rawValue, length > 0 { return String(utf16CodeUnits: buffer, count: Int(length)) }
        }
        #endif
        return number == 1 ? "one" : "other"
    }

    #if canImport(_FoundationICU)
    /// One set of rules per language, opened once and kept (selecting with them only reads).
    private final class Cache: @unchecked Sendable {
        static let shared = Cache()
        private let lock = NSLock()
        private var opened: [String: OpaquePointer] = [:]

        func rules(for language: String) -> OpaquePointer? {
            lock.lock()
            defer { lock.unlock() }
            if let rules = opened[language] { return rules }
            var status = U_ZERO_ERROR
            guard let rules = swift_uplrules_open(language, &status), status.rawValue <= U_ZERO_ERROR.rawValue else { return nil }
            opened[language] = rules
            return rules
        }
    }
    #endif
}

/// ICU MessageFormat's plural argument inside a catalogue text: `{n, plural, one {# action is} other {# actions are}}`.
/// The branch is chosen by `=N` when one matches exactly, else by the number's category in the language, else
/// `other`; `#` in it becomes the number.
enum PluralText {
    static func fill(_ text: String, _ values: [String: String], language: String) -> String {
        guard text.contains(", plural,") else { return text }
        var out = "", rest = Substring(text)
        while let start = rest.range(of: "{") {
            out += rest[..<start.lowerBound]
            let afterBrace = rest[start.upperBound...]
            guard let comma = afterBrace.range(of: ", plural,"), let end = closing(afterBrace),
                  comma.lowerBound < end, !afterBrace[..<comma.lowerBound].contains("{") else {
                out += "{"
                rest = afterBrace
                continue
            }
            let name = String(afterBrace[..<comma.lowerBound]).trimmingCharacters(in: .whitespaces)
            let branches = parse(afterBrace[comma.upperBound..<end])
            let raw = values[name] ?? ""
            let number = Double(raw)
            let chosen = number.flatMap { n in branches.first { $0.0 == "=\(formatExact(n))" }?.1 }
                ?? number.flatMap { n in branches.first { $0.0 == PluralRules.category(of: n, language: language) }?.1 }
                ?? branches.first { $0.0 == "other" }?.1 ?? ""
            out += chosen.replacingOccurrences(of: "#", with: raw)
            rest = afterBrace[afterBrace.index(after: end)...]
        }
        return out + rest
    }

    /// The index of the brace that closes the one just before `text`.
    private static func closing(_ text: Substring) -> Substring.Index? {
        var depth = 1
        for i in text.indices {
            if text[i] == "{" { depth += 1 }
            if text[i] == "}" { depth -= 1; if depth == 0 { return i } }
        }
        return nil
    }

    /// `one {…} other {…}` as (selector, message) pairs.
    private static func parse(_ body: Substring) -> [(String, String)] {
        var pairs: [(String, String)] = [], rest = body
        while let open = rest.firstIndex(of: "{") {
            let selector = rest[..<open].trimmingCharacters(in: .whitespaces)
            let inner = rest[rest.index(after: open)...]
            guard let end = closing(inner) else { break }
            pairs.append((selector, String(inner[..<end])))
            rest = inner[inner.index(after: end)...]
        }
        return pairs
    }

    private static func formatExact(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }
}
