import Foundation

/// Values that must never be blocked — private and reserved ranges, public resolvers, the most common
/// domains — shipped as data (`Resources/warning-list.txt`), extended per community and by the instance's
/// own host. Indicators on it are flagged on entry and kept out of blocklists.
public struct WarningList: Sendable {
    struct Range4: Sendable { let network: UInt32; let prefix: Int; let reason: String }
    struct Range6: Sendable { let network: IPAddress.V6; let prefix: Int; let reason: String }

    var v4: [Range4] = []
    var v6: [Range6] = []
    /// Domain (and its subdomains) → reason.
    var domains: [String: String] = [:]
    /// Hashes and e-mail addresses → reason.
    var exact: [String: String] = [:]

    public static let empty = WarningList()

    public struct LineProblem: Error, Sendable, Equatable {
        public let line: Int
        public let text: String
    }

    /// The list shipped with Shieldwall. A broken shipped file is a packaging bug, found by the tests.
    public static let shipped: WarningList = {
        guard let url = Bundle.module.url(forResource: "warning-list", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return .empty }
        return (try? parse(text)) ?? .empty
    }()

    /// Reads `type value reason` lines; `#` starts a comment. Throws the first line it cannot use.
    public static func parse(_ text: String) throws -> WarningList {
        var list = WarningList()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, list.add(kind: parts[0], value: parts[1], reason: parts[2]) else {
                throw LineProblem(line: n + 1, text: String(line.prefix(80)))
            }
        }
        return list
    }

    /// Adds one entry given as an indicator value (community entries, the instance's host).
    public func adding(_ value: IndicatorValue, reason: String) -> WarningList {
        var copy = self
        copy.insert(value, reason: reason)
        return copy
    }

    /// Adds one entry in place: building a list of many entries with `adding` copies it at every step.
    public mutating func insert(_ value: IndicatorValue, reason: String) {
        switch value.type {
        case .ipv4, .ipv6: _ = add(kind: "ip", value: value.value, reason: reason)
        case .cidr: _ = add(kind: "cidr", value: value.value, reason: reason)
        case .domain: _ = add(kind: "domain", value: value.value, reason: reason)
        case .url: if let host = value.urlHost { _ = add(kind: "domain", value: host, reason: reason) }
        case .email, .md5, .sha1, .sha256: exact[value.value] = reason
        }
    }

    private mutating func add(kind: String, value: String, reason: String) -> Bool {
        switch kind {
        case "cidr", "ip":
            let text = kind == "ip" ? value + (value.contains(":") ? "/128" : "/32") : value
            guard case .success(let cidr) = ScanIndicator.recognise(text, as: .cidr),
                  let (bytes, prefix) = Self.split(cidr.value) else { return false }
            if let a = IPAddress.v4(bytes) { v4.append(Range4(network: a, prefix: prefix, reason: reason)); return true }
            if let a = IPAddress.v6(bytes) { v6.append(Range6(network: a, prefix: prefix, reason: reason)); return true }
            return false
        case "domain":
            let host = value.lowercased()
            guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return false }
            domains[host] = reason
            return true
        case "hash", "email":
            exact[value.lowercased()] = reason
            return true
        default:
            return false
        }
    }

    private static func split(_ cidr: String) -> ([UInt8], Int)? {
        let bytes = Array(cidr.utf8)
        guard let slash = bytes.firstIndex(of: 47), let prefix = Int(String(decoding: bytes[(slash + 1)...], as: UTF8.self)) else { return nil }
        return (Array(bytes[..<slash]), prefix)
    }

    /// Why this value must not be blocked, or `nil`.
    public func reason(for indicator: IndicatorValue) -> String? {
        switch indicator.type {
        case .ipv4, .ipv6, .cidr:
            let text = indicator.type == .cidr ? indicator.value : indicator.value + (indicator.type == .ipv6 ? "/128" : "/32")
            guard let (bytes, prefix) = Self.split(text) else { return nil }
            if let a = IPAddress.v4(bytes) {
                for r in v4 {
                    let p = min(prefix, r.prefix)
                    let mask: UInt32 = p == 0 ? 0 : ~UInt32(0) << UInt32(32 - p)
                    if a & mask == r.network & mask { return r.reason }
                }
            } else if let a = IPAddress.v6(bytes) {
                for r in v6 where a.masked(min(prefix, r.prefix)) == r.network.masked(min(prefix, r.prefix)) { return r.reason }
            }
            return nil
        case .domain:
            return domainReason(indicator.value)
        case .url:
            // A whole site on the list is warned; one page on it (a phishing form on a file-sharing host) is not.
            guard let host = indicator.urlHost else { return nil }
            let path = indicator.value.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(3).first ?? ""
            guard path.isEmpty else { return nil }
            if case .success(let ip) = IndicatorValue.normalise(host), ip.type != .domain { return reason(for: ip) }
            return domainReason(host)
        case .email, .md5, .sha1, .sha256:
            return exact[indicator.value]
        }
    }

    private func domainReason(_ host: String) -> String? {
        var candidate = Substring(host)
        while true {
            if let reason = domains[String(candidate)] { return reason }
            guard let dot = candidate.firstIndex(of: ".") else { return nil }
            candidate = candidate[candidate.index(after: dot)...]
        }
    }
}
