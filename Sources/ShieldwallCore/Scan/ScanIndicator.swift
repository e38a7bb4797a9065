/// One value to look for in logs.
public struct ScanIndicator: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case ipv4, ipv6, cidr, domain, url, email, hash

        /// Matched as the whole value (not as an address, range or parent domain).
        var isExact: Bool {
            switch self {
            case .url, .email, .hash: return true
            case .ipv4, .ipv6, .cidr, .domain: return false
            }
        }
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
        return bytes.withUnsafeMutableBufferPointer { recognise(lowered: $0, as: declared) }
    }

    /// The bytes of a value that is trimmed, refanged and in lower case (`hxxp` is mended here, in place).
    /// A list of a million values comes through here, so it works on bytes and makes one String at most.
    static func recognise(lowered bytes: UnsafeMutableBufferPointer<UInt8>, as declared: Kind?) -> Result<ScanIndicator, Problem> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= 2048 else { return .failure(.tooLong) }
        if bytes.starts(with: [104, 120, 120, 112]) { bytes[1] = 116; bytes[2] = 116 }  // hxxp → http
        let text = UnsafeBufferPointer(bytes)
        func string(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> String { String(decoding: part, as: UTF8.self) }
        let hasScheme = text.indices.contains { i in i + 2 < text.count && text[i] == 58 && text[i + 1] == 47 && text[i + 2] == 47 }
        func accept(_ kind: Kind, _ value: @autoclosure () -> String) -> Result<ScanIndicator, Problem> {
            if let declared, declared != kind, !(declared == .cidr && (kind == .ipv4 || kind == .ipv6)) { return .failure(.unrecognised) }
            return .success(ScanIndicator(value: value(), kind: kind))
        }
        if let slash = text.firstIndex(of: 47), !hasScheme {
            let address = text[..<slash], digits = text[(slash + 1)...]
            guard (1...4).contains(digits.count), digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return .failure(.unrecognised) }
            let prefix = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
            if let v4 = IPAddress.v4(address), (0...32).contains(prefix) {
                let masked = prefix == 0 ? 0 : v4 & (~UInt32(0) << UInt32(32 - prefix))
                // Written as it should be already (the common case): kept as it is.
                if masked == v4 && IPFormat.isCanonical(v4: address) && (digits.count == 1 || digits.first != 48) { return accept(.cidr, string(text[...])) }
                return accept(.cidr, "\(IPFormat.v4(masked))/\(prefix)")
            }
            if let v6 = IPAddress.v6(address), (0...128).contains(prefix) {
                if prefix >= 96, let v4 = v6.mappedV4 {  // ::ffff:192.0.2.0/120 is 192.0.2.0/24
                    return accept(.cidr, "\(IPFormat.v4(IndicatorIndex.mask(v4, prefix - 96)))/\(prefix - 96)")
                }
                return accept(.cidr, "\(IPFormat.v6(v6.masked(prefix)))/\(prefix)")
            }
            return .failure(.unrecognised)
        }
        if let v4 = IPAddress.v4(text) { return accept(.ipv4, IPFormat.isCanonical(v4: text[...]) ? string(text[...]) : IPFormat.v4(v4)) }
        if text.contains(58) && !hasScheme && !text.contains(64) {
            if text.contains(37) { return .failure(.unrecognised) }
            if let v6 = IPAddress.v6(text) {
                // An IPv4-mapped address (`::ffff:192.0.2.1`) is its IPv4 address, also when declared IPv6.
                if let v4 = v6.mappedV4 { return declared == .ipv6 ? .success(ScanIndicator(value: IPFormat.v4(v4), kind: .ipv4)) : accept(.ipv4, IPFormat.v4(v4)) }
                return accept(.ipv6, IPFormat.v6(v6))
            }
            return .failure(.unrecognised)
        }
        if text.starts(with: "http://".utf8) || text.starts(with: "https://".utf8) { return accept(.url, string(text[...])) }
        if let at = text.firstIndex(of: 64), at > 0, Hostname.isDomain(text[(at + 1)...]) { return accept(.email, string(text[...])) }
        if [32, 40, 64, 128].contains(text.count), text.allSatisfy({ IPAddress.hexValue($0) != nil }) { return accept(.hash, string(text[...])) }
        var end = text.count
        while end > 0 && text[end - 1] == 46 { end -= 1 }
        if Hostname.isDomain(text[..<end]) { return accept(.domain, string(text[..<end])) }
        return .failure(.unrecognised)
    }
}

@inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 13 || b == 10 }

enum Hostname {
    /// Letters, digits, hyphens and underscores in labels of 1–63, at least two labels, a non-numeric top label.
    static func isDomain<C: Collection<UInt8>>(_ bytes: C) -> Bool {
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
    /// Dotted-quad text as `v4(_:)` writes it: no group with a leading zero.
    static func isCanonical<C: Collection<UInt8>>(v4 text: C) -> Bool {
        var groupLength = 0, leadingZero = false
        for b in text {
            if b == 46 { groupLength = 0; continue }
            if groupLength == 0 { leadingZero = b == 48 } else if leadingZero { return false }
            groupLength += 1
        }
        return true
    }

    static func v4(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    /// RFC 5952 canonical text: lower case, longest run of zero groups as `::`. Written byte by byte: a
    /// list can hold a hundred thousand of them.
    static func v6(_ a: IPAddress.V6) -> String {
        var groups = SIMD8<UInt16>()
        for n in 0..<4 {
            let shift = UInt64(48 - n * 16)
            groups[n] = UInt16(truncatingIfNeeded: a.high >> shift)
            groups[n + 4] = UInt16(truncatingIfNeeded: a.low >> shift)
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
        // At most 39 bytes, written on the stack: no array per address (and no nested function writing to a
        // captured counter, which Swift checks for exclusive access at every write).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { out in
            var n = 0
            for g in 0..<8 {
                if g >= bestStart && g < bestStart + bestLength {
                    if g == bestStart { out[n] = 58; out[n + 1] = 58; n += 2 }
                    continue
                }
                if g > 0 && g != bestStart + bestLength { out[n] = 58; n += 1 }
                let v = groups[g]
                var shift = 12
                while shift > 0 && (v >> UInt16(shift)) == 0 { shift -= 4 }
                while shift >= 0 {
                    let d = UInt8(truncatingIfNeeded: v >> UInt16(shift) & 0xF)
                    out[n] = d < 10 ? 48 + d : 87 + d
                    n += 1
                    shift -= 4
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
        }
    }
}
