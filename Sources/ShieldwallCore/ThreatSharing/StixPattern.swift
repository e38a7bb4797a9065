/// STIX 2.1 patterns for the indicator types Shieldwall keeps: writes `[ipv4-addr:value = '…']`, and
/// reads patterns made of `=` comparisons joined by `OR`/`AND`. Anything else (MATCHES, LIKE, qualifiers,
/// x509 certificates…) is refused with a reason, so importers can list it as skipped.
public enum StixPattern {
    public static func pattern(for indicator: IndicatorValue) -> String {
        let path: String
        switch indicator.type {
        case .ipv4: path = "ipv4-addr:value"
        case .ipv6: path = "ipv6-addr:value"
        case .cidr: path = indicator.value.contains(":") ? "ipv6-addr:value" : "ipv4-addr:value"
        case .domain: path = "domain-name:value"
        case .url: path = "url:value"
        case .email: path = "email-addr:value"
        case .md5: path = "file:hashes.MD5"
        case .sha1: path = "file:hashes.'SHA-1'"
        case .sha256: path = "file:hashes.'SHA-256'"
        }
        return "[\(path) = '\(escape(indicator.value))']"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }

    public enum Problem: Error, Equatable, Sendable {
        case syntax(String)
        case unsupported(String)
    }

    /// The values a pattern compares with `=`, or why it cannot be used.
    public static func values(in pattern: String) -> Result<[IndicatorValue], Problem> {
        let tokens: [Token]
        switch tokenise(pattern) {
        case .success(let t): tokens = t
        case .failure(let p): return .failure(p)
        }
        var values: [IndicatorValue] = []
        var depth = 0, i = 0, expectComparison = true
        while i < tokens.count {
            switch tokens[i] {
            case .open:
                depth += 1; i += 1
            case .close:
                depth -= 1; i += 1
                if depth < 0 { return .failure(.syntax("unbalanced brackets")) }
            case .word(let w) where !expectComparison:
                let upper = w.uppercased()
                guard upper == "AND" || upper == "OR" else { return .failure(.unsupported("'\(w)' is not supported (only = joined by AND/OR)")) }
                expectComparison = true; i += 1
            case .word(let path) where expectComparison:
                if i + 1 < tokens.count, case .word(let word) = tokens[i + 1],
                   ["MATCHES", "LIKE", "IN", "ISSUBSET", "ISSUPERSET", "NOT", "EXISTS"].contains(word.uppercased()) {
                    return .failure(.unsupported("operator '\(word.uppercased())' is not supported (only =)"))
                }
                guard i + 2 < tokens.count, case .op(let op) = tokens[i + 1] else {
                    if path.uppercased() == "NOT" || path.uppercased() == "EXISTS" { return .failure(.unsupported("\(path.uppercased()) is not supported")) }
                    return .failure(.syntax("expected a comparison after '\(path)'"))
                }
                guard op == "=" else { return .failure(.unsupported("operator '\(op)' is not supported (only =)")) }
                guard case .string(let literal) = tokens[i + 2] else { return .failure(.syntax("expected a quoted value after '\(path) ='")) }
                guard let type = type(of: path) else { return .failure(.unsupported("'\(path)' is not a kind of indicator Shieldwall keeps")) }
                // Address paths also hold CIDR ranges (`ipv4-addr:value = '198.51.100.0/24'`).
                switch IndicatorValue.normalise(literal, as: type.isAddress ? nil : type) {
                case .success(let v) where !type.isAddress || v.type.isAddress: values.append(v)
                case .success(let v): return .failure(.syntax("'\(literal)' is a \(v.type.rawValue), not an address"))
                case .failure(let p): return .failure(.syntax("'\(literal)' is not a valid \(type.rawValue) (\(p))"))
                }
                expectComparison = false; i += 3
            case .op(let op):
                return .failure(.syntax("unexpected '\(op)'"))
            case .string(let s):
                return .failure(.syntax("unexpected value '\(s)'"))
            case .word(let w):
                return .failure(.syntax("unexpected '\(w)'"))
            }
        }
        guard depth == 0 else { return .failure(.syntax("unbalanced brackets")) }
        guard !values.isEmpty, !expectComparison else { return .failure(.syntax("the pattern is empty or ends with AND/OR")) }
        return .success(values)
    }

    /// Object paths that name an indicator type (hash names as STIX writes them, any case, quoted or not).
    static func type(of path: String) -> IndicatorType? {
        // The spellings bundles use nearly always, before the slower general form.
        switch path {
        case "ipv4-addr:value": return .ipv4
        case "domain-name:value": return .domain
        case "url:value": return .url
        case "file:hashes.'SHA-256'": return .sha256
        default: break
        }
        let p = path.lowercased().replacingOccurrences(of: "'", with: "")
        switch p {
        case "ipv4-addr:value", "network-traffic:dst_ref.value", "network-traffic:src_ref.value": return .ipv4
        case "ipv6-addr:value": return .ipv6
        case "domain-name:value": return .domain
        case "url:value": return .url
        case "email-addr:value", "email-message:from_ref.value", "email-message:sender_ref.value": return .email
        case "file:hashes.md5": return .md5
        case "file:hashes.sha-1", "file:hashes.sha1": return .sha1
        case "file:hashes.sha-256", "file:hashes.sha256": return .sha256
        default: return nil
        }
    }

    enum Token: Equatable { case open, close, word(String), op(String), string(String) }

    /// Reads the pattern by bytes (every delimiter is ASCII; quoted values keep their UTF-8 as it is).
    static func tokenise(_ text: String) -> Result<[Token], Problem> {
        var tokens: [Token] = []
        let b = Array(text.utf8)
        func isSpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        func isOperator(_ c: UInt8) -> Bool { c == 61 || c == 33 || c == 60 || c == 62 }  // = ! < >
        func decoded(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        var i = 0
        while i < b.count {
            let c = b[i]
            if isSpace(c) { i += 1; continue }
            if c == 91 || c == 40 { tokens.append(.open); i += 1; continue }  // [ (
            if c == 93 || c == 41 { tokens.append(.close); i += 1; continue }  // ] )
            if c == 39 {  // '
                var value: [UInt8] = [], j = i + 1, closed = false
                while j < b.count {
                    if b[j] == 92, j + 1 < b.count { value.append(b[j + 1]); j += 2; continue }  // backslash escape
                    if b[j] == 39 { closed = true; break }
                    value.append(b[j]); j += 1
                }
                guard closed else { return .failure(.syntax("a quoted value is not closed")) }
                tokens.append(.string(String(decoding: value, as: UTF8.self))); i = j + 1; continue
            }
            if isOperator(c) {
                let end = i + 1 < b.count && b[i + 1] == 61 ? i + 2 : i + 1
                tokens.append(.op(decoded(b[i..<end]))); i = end; continue
            }
            // A word or an object path; quotes inside a path (hashes.'SHA-256') belong to it.
            var word: [UInt8] = []
            while i < b.count, !isSpace(b[i]) {
                // A list index inside a path (`body_multipart[*]`, `values[0]`) belongs to it.
                if b[i] == 91, !word.isEmpty, let end = b[(i + 1)...].firstIndex(of: 93),
                   end > i + 1, b[(i + 1)..<end].allSatisfy({ $0 == 42 || ($0 >= 48 && $0 <= 57) }) {
                    word += b[i...end]; i = end + 1; continue
                }
                if b[i] == 91 || b[i] == 93 || b[i] == 40 || b[i] == 41 || isOperator(b[i]) { break }
                if b[i] == 39 {
                    guard let end = b[(i + 1)...].firstIndex(of: 39) else { return .failure(.syntax("a quoted path is not closed")) }
                    word += b[i...end]; i = end + 1; continue
                }
                word.append(b[i]); i += 1
            }
            guard !word.isEmpty else { return .failure(.syntax("unexpected '\(decoded(b[i..<(i + 1)]))'")) }
            tokens.append(.word(String(decoding: word, as: UTF8.self)))
        }
        return .success(tokens)
    }
}
