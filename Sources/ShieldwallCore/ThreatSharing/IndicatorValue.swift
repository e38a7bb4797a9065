import Foundation

/// The kinds of indicator a report can carry.
public enum IndicatorType: String, Codable, Sendable, CaseIterable {
    case ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256

    /// The kind the log scanner matches it as.
    public var scanKind: ScanIndicator.Kind {
        switch self {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        case .cidr: .cidr
        case .domain: .domain
        case .url: .url
        case .email: .email
        case .md5, .sha1, .sha256: .hash
        }
    }

    public var isAddress: Bool { self == .ipv4 || self == .ipv6 || self == .cidr }
    public var isHash: Bool { self == .md5 || self == .sha1 || self == .sha256 }
}

/// One indicator in its one canonical spelling, so the same thing reported twice is one row.
public struct IndicatorValue: Hashable, Sendable, Codable {
    public var type: IndicatorType
    public var value: String

    public init(type: IndicatorType, value: String) {
        self.type = type
        self.value = value
    }

    public static let maxLength = 2048

    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLong, unrecognised
        case zoneID
        case invalidPunycode
        case unsupportedScheme
        case unsupportedHashLength(Int)
        case typeMismatch(found: IndicatorType)
    }

    /// Reads a value as people paste it — defanged (`hxxp`, `[.]`, `(dot)`, `[@]`, `[:]`), upper case,
    /// with a trailing dot, in Unicode — and returns its canonical form: lower-case domains in Punycode
    /// without the trailing dot, RFC 5952 IPv6 (an IPv4-mapped address as its IPv4 one), masked CIDR
    /// networks, URLs with lower-case scheme and host, no default port and no fragment. With `declared`, the
    /// value must be of that type.
    public static func normalise(_ raw: String, as declared: IndicatorType? = nil) -> Result<IndicatorValue, Problem> {
        let text = Refang.apply(raw.trimmingWhitespace())
        guard !text.isEmpty else { return .failure(.empty) }
        guard text.utf8.count <= maxLength else { return .failure(.tooLong) }
        let found: Result<IndicatorValue, Problem>
        let lower = text.lowercased()
        // What the value holds, read once on the bytes (Foundation's `contains` is slow on Linux).
        var colon = false, scheme = false, percent = false, at = false, dot = false
        var previous: (UInt8, UInt8) = (0, 0)
        for b in lower.utf8 {
            switch b {
            case 58: colon = true
            case 47: if previous == (58, 47) { scheme = true }
            case 37: percent = true
            case 64: at = true
            case 46: dot = true
            default: break
            }
            previous = (previous.1, b)
        }
        if scheme {
            found = url(text)
        } else if colon, percent, !at {
            found = .failure(.zoneID)
        } else if let at = text.lastIndex(of: "@") {
            found = email(local: String(text[..<at]), domain: String(text[text.index(after: at)...]))
        } else if !dot, lower.utf8.count >= 32, lower.utf8.allSatisfy({ IPAddress.hexValue($0) != nil }) {
            switch lower.utf8.count {
            case 32: found = .success(IndicatorValue(type: .md5, value: lower))
            case 40: found = .success(IndicatorValue(type: .sha1, value: lower))
            case 64: found = .success(IndicatorValue(type: .sha256, value: lower))
            default: found = .failure(.unsupportedHashLength(lower.utf8.count))
            }
        } else if let address = addressLike(lower) {
            found = address
        } else if let host = domain(text) {
            found = .success(IndicatorValue(type: .domain, value: host))
        } else if text.hasPrefix("xn--") || text.contains(".xn--") {
            found = .failure(.invalidPunycode)
        } else {
            found = .failure(.unrecognised)
        }
        guard let declared, case .success(let value) = found, value.type != declared else { return found }
        if declared == .cidr, value.type == .ipv4 { return .success(IndicatorValue(type: .cidr, value: value.value + "/32")) }
        if declared == .cidr, value.type == .ipv6 { return .success(IndicatorValue(type: .cidr, value: value.value + "/128")) }
        if declared == .ipv6, value.type == .ipv4, text.contains(":") { return found }  // IPv4-mapped: the IPv4 address
        return .failure(.typeMismatch(found: value.type))
    }

    /// IPv4, IPv6 or a CIDR range; `nil` when the text does not look like an address at all.
    private static func addressLike(_ lower: String) -> Result<IndicatorValue, Problem>? {
        let bytes = Array(lower.utf8)
        if let v4 = IPAddress.v4(bytes) { return .success(IndicatorValue(type: .ipv4, value: IPFormat.v4(v4))) }
        if bytes.contains(58), let v6 = IPAddress.v6(bytes) {
            // `::ffff:192.0.2.1` (how dual-stack servers log IPv4 clients) is one indicator with `192.0.2.1`.
            if let v4 = v6.mappedV4 { return .success(IndicatorValue(type: .ipv4, value: IPFormat.v4(v4))) }
            return .success(IndicatorValue(type: .ipv6, value: IPFormat.v6(v6)))
        }
        if case .success(let cidr) = ScanIndicator.recognise(lower, as: .cidr), cidr.kind == .cidr {
            return .success(IndicatorValue(type: .cidr, value: cidr.value))
        }
        if bytes.contains(58) { return .failure(.unrecognised) }
        return nil
    }

    /// A host name in canonical ASCII form, or `nil`.
    public static func domain(_ raw: String) -> String? {
        var text = raw.utf8.allSatisfy({ $0 < 128 }) ? raw.lowercased() : raw.precomposedStringWithCanonicalMapping.lowercased()
        while text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        var labels: [String] = []
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            if label.unicodeScalars.allSatisfy(\.isASCII) {
                if label.hasPrefix("xn--") {
                    guard let decoded = Punycode.decode(String(label.dropFirst(4))), !decoded.isEmpty, isIDNLabel(decoded),
                          Punycode.encode(decoded) == String(label.dropFirst(4)) else { return nil }
                }
                labels.append(String(label))
            } else {
                // The same rule both ways, so that a name stored in its xn-- form reads back as itself (the fuzzer
                // found U+FFFD, from bytes that were not UTF-8, encoded here and refused when read back).
                guard isIDNLabel(label), let encoded = Punycode.encode(String(label)) else { return nil }
                labels.append("xn--" + encoded)
            }
        }
        let ascii = labels.joined(separator: ".")
        guard Hostname.isDomain(Array(ascii.utf8)[...]) else { return nil }
        return ascii
    }

    /// Letters, digits and hyphens of any script: what an internationalised host name label may hold here.
    private static func isIDNLabel<S: StringProtocol>(_ label: S) -> Bool {
        label.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" }
    }

    private static func email(local: String, domain host: String) -> Result<IndicatorValue, Problem> {
        let local = local.lowercased()
        guard !local.isEmpty, local.utf8.count <= 64, !local.contains(where: { $0.isWhitespace || $0 == "@" || $0 == "<" || $0 == ">" }),
              let host = domain(host) else { return .failure(.unrecognised) }
        return .success(IndicatorValue(type: .email, value: "\(local)@\(host)"))
    }

    private static func url(_ text: String) -> Result<IndicatorValue, Problem> {
        guard let schemeEnd = text.range(of: "://") else { return .failure(.unrecognised) }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard ["http", "https", "ftp"].contains(scheme) else { return .failure(.unsupportedScheme) }
        var rest = Substring(text[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        var userinfo = ""
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[...at])
            authority = authority[authority.index(after: at)...]
        }
        var hostText = String(authority), port = ""
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            hostText = String(authority[authority.index(after: authority.startIndex)..<close])
            port = String(authority[authority.index(after: close)...])
            guard let v6 = IPAddress.v6(Array(hostText.lowercased().utf8)) else { return .failure(.unrecognised) }
            hostText = "[" + IPFormat.v6(v6) + "]"
        } else {
            if let colon = authority.lastIndex(of: ":") {
                hostText = String(authority[..<colon])
                port = String(authority[colon...])
            }
            if let v4 = IPAddress.v4(Array(hostText.utf8)) {
                hostText = IPFormat.v4(v4)
            } else {
                guard let host = domain(hostText) else { return .failure(.unrecognised) }
                hostText = host
            }
        }
        if !port.isEmpty {
            guard port.hasPrefix(":"), let number = Int(port.dropFirst()), (1...65535).contains(number) else { return .failure(.unrecognised) }
            let isDefault = (scheme == "http" && number == 80) || (scheme == "https" && number == 443) || (scheme == "ftp" && number == 21)
            port = isDefault ? "" : ":\(number)"
        }
        guard !path.contains(where: { $0.isWhitespace }) else { return .failure(.unrecognised) }
        return .success(IndicatorValue(type: .url, value: "\(scheme)://\(userinfo)\(hostText)\(port)\(path)"))
    }

    /// The host of a URL indicator, for blocking and warning-list checks.
    public var urlHost: String? {
        guard type == .url, let start = value.range(of: "://")?.upperBound else { return nil }
        var authority = value[start...].prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") { return String(authority[authority.index(after: authority.startIndex)..<close]) }
        if let colon = authority.lastIndex(of: ":") { authority = authority[..<colon] }
        return String(authority)
    }
}

/// Turns defanged text back into what it stands for: `hxxp` → `http`, `[.]` `(.)` `[dot]` `(dot)` → `.`,
/// `[@]` `[at]` `(at)` → `@`, `[:]` → `:`, `[://]` → `://`.
public enum Refang {
    static let replacements: [(String, String)] = [
        ("[://]", "://"), ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("(dot)", "."), ("{dot}", "."),
        ("[@]", "@"), ("(@)", "@"), ("[at]", "@"), ("(at)", "@"), ("[:]", ":"),
        ("hxxps://", "https://"), ("hxxp://", "http://"), ("hxxps[:]", "https:"), ("fxp://", "ftp://"),
    ]

    public static func apply(_ text: String) -> String {
        // Most values are not defanged: decide that on the bytes, without Foundation (which is slow on Linux).
        var bracket = false, x = false
        for b in text.utf8 {
            if b == 91 || b == 40 || b == 123 { bracket = true; break }
            if b == 120 || b == 88 { x = true }
        }
        if !bracket {
            guard x else { return text }
            let lower = text.lowercased()
            guard lower.contains("hxxp") || lower.contains("fxp://") else { return text }
        }
        var out = text
        for (from, to) in replacements where out.range(of: from, options: .caseInsensitive) != nil {
            out = out.replacingOccurrences(of: from, with: to, options: .caseInsensitive)
        }
        return out
    }
}
