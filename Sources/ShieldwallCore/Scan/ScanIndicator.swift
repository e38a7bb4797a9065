/// One value to look for in logs.
public struct ScanIndicator: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case ipv4, ipv6, cidr, domain, url, email, hash
    }

    public var value: String
    public var kind: Kind

    public init(value: String, kind: Kind) {
        self.value = value
        self.kind = kind
    }

    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLong, unrecognised
    }

    /// Reads a value as people paste it: defanged forms (`hxxp`, `[.]`, `(dot)`) are refanged, case
    /// folded where it does not matter, and the kind recognised from the shape.
    public static func recognise(_ raw: String, as declared: Kind? = nil) -> Result<ScanIndicator, Problem> {
        // Byte-level first: a million-line list goes through here (Foundation's String search is slow).
        var text = raw
        if let f = raw.utf8.first, let l = raw.utf8.last, isSpace(f) || isSpace(l) { text = raw.trimmingWhitespace() }
        guard !text.isEmpty else { return .failure(.empty) }
        guard text.utf8.count <= 2048 else { return .failure(.tooLong) }
        if text.utf8.contains(where: { $0 == 91 || $0 == 40 }) {  // [ (
            for (from, to) in [("[.]", "."), ("(.)", "."), ("[dot]", "."), ("(dot)", "."), ("[:]", ":"), ("[@]", "@"), ("[at]", "@")] {
                text = text.replacingOccurrences(of: from, with: to)
            }
        }
        var bytes = text.utf8.allSatisfy({ $0 < 128 }) ? text.utf8.map(ByteKeys.lower) : Array(text.lowercased().utf8)
        if bytes.starts(with: [104, 120, 120, 112]) { bytes.replaceSubrange(0..<4, with: [104, 116, 116, 112]) }  // hxxp → http
        let lower = String(decoding: bytes, as: UTF8.self)
        let hasScheme = bytes.indices.contains { i in i + 2 < bytes.count && bytes[i] == 58 && bytes[i + 1] == 47 && bytes[i + 2] == 47 }
        func accept(_ kind: Kind, _ value: String) -> Result<ScanIndicator, Problem> {
            if let declared, declared != kind, !(declared == .cidr && (kind == .ipv4 || kind == .ipv6)) { return .failure(.unrecognised) }
            return .success(ScanIndicator(value: value, kind: kind))
        }
        if let slash = bytes.firstIndex(of: 47), !hasScheme {
            let address = bytes[..<slash], prefixText = String(decoding: bytes[(slash + 1)...], as: UTF8.self)
            guard let prefix = Int(prefixText) else { return .failure(.unrecognised) }
            if let v4 = IPAddress.v4(address), (0...32).contains(prefix) {
                let masked = prefix == 0 ? 0 : v4 & (~UInt32(0) << UInt32(32 - prefix))
                return accept(.cidr, "\(IPFormat.v4(masked))/\(prefix)")
            }
            if let v6 = IPAddress.v6(address), (0...128).contains(prefix) {
                return accept(.cidr, "\(IPFormat.v6(v6.masked(prefix)))/\(prefix)")
            }
            return .failure(.unrecognised)
        }
        if let v4 = IPAddress.v4(bytes) { return accept(.ipv4, IPFormat.v4(v4)) }
        if bytes.contains(58) && !hasScheme && !bytes.contains(64) {
            if bytes.contains(37) { return .failure(.unrecognised) }
            if let v6 = IPAddress.v6(bytes) { return accept(.ipv6, IPFormat.v6(v6)) }
            return .failure(.unrecognised)
        }
        if bytes.starts(with: Array("http://".utf8)) || bytes.starts(with: Array("https://".utf8)) { return accept(.url, lower) }
        if let at = bytes.firstIndex(of: 64), at > 0, Hostname.isDomain(bytes[(at + 1)...]) { return accept(.email, lower) }
        if [32, 40, 64, 128].contains(bytes.count), bytes.allSatisfy({ IPAddress.hexValue($0) != nil }) { return accept(.hash, lower) }
        var host = bytes
        while host.last == 46 { host.removeLast() }
        if Hostname.isDomain(host[...]) { return accept(.domain, String(decoding: host, as: UTF8.self)) }
        return .failure(.unrecognised)
    }
}

@inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 13 || b == 10 }

enum Hostname {
    /// Letters, digits, hyphens and underscores in labels of 1–63, at least two labels, a non-numeric top label.
    static func isDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 3, bytes.count <= 253 else { return false }
        var labelLength = 0, labels = 1, lastLabelHasLetter = false
        for b in bytes {
            if b == 46 {
                guard labelLength > 0 else { return false }
                labels += 1; labelLength = 0; lastLabelHasLetter = false
            } else if (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 45 || b == 95 || b >= 128 {
                labelLength += 1; lastLabelHasLetter = true
            } else if b >= 48 && b <= 57 {
                labelLength += 1
            } else {
                return false
            }
            if labelLength > 63 { return false }
        }
        return labels >= 2 && labelLength > 0 && lastLabelHasLetter
    }
}

enum IPFormat {
    static func v4(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    /// RFC 5952 canonical text: lower case, longest run of zero groups as `::`.
    static func v6(_ a: IPAddress.V6) -> String {
        var groups: [UInt16] = []
        for half in [a.high, a.low] {
            for n in 0..<4 {
                let shift = UInt64(48 - n * 16)
                groups.append(UInt16(truncatingIfNeeded: half >> shift))
            }
        }
        var bestStart = -1, bestLength = 0, i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLength && j - i >= 2 { bestStart = i; bestLength = j - i }
                i = j
            } else { i += 1 }
        }
        func hex(_ range: Range<Int>) -> String { range.map { String(groups[$0], radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
