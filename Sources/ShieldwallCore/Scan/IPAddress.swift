/// IP addresses parsed straight from log bytes, without building strings.
public enum IPAddress {
    /// An IPv6 address as two 64-bit halves.
    public struct V6: Hashable, Sendable {
        public var high: UInt64
        public var low: UInt64

        public init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }

        /// The address with all bits after `prefix` cleared.
        public func masked(_ prefix: Int) -> V6 {
            if prefix >= 128 { return self }
            if prefix <= 0 { return V6(high: 0, low: 0) }
            if prefix >= 64 {
                let bits = prefix - 64
                return V6(high: high, low: bits == 0 ? 0 : low & (~UInt64(0) << UInt64(64 - bits)))
            }
            return V6(high: high & (~UInt64(0) << UInt64(64 - prefix)), low: 0)
        }
    }

    /// Dotted-quad IPv4 (`192.0.2.1`), no leading zeros beyond one digit groups of up to three digits.
    public static func v4<C: Collection<UInt8>>(_ bytes: C) -> UInt32? {
        var value: UInt32 = 0, part: UInt32 = 0, digits = 0, dots = 0
        for b in bytes {
            if b >= 48 && b <= 57 {
                part = part * 10 + UInt32(b - 48)
                digits += 1
                if digits > 3 || part > 255 { return nil }
            } else if b == 46 {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | part
                part = 0; digits = 0; dots += 1
            } else {
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return value << 8 | part
    }

    /// IPv6 in any RFC 4291 text form, including `::` and a trailing dotted IPv4. Zone ids (`%eth0`) are refused.
    public static func v6<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> V6? {
        // Eight groups at most, kept in a SIMD vector: no heap array per address on the scanner's path.
        var groups = SIMD8<UInt16>(), n = 0
        var gap: Int? = nil
        var index = bytes.startIndex
        if index == bytes.endIndex { return nil }
        // Leading "::"
        if bytes[index] == 58 {
            let next = bytes.index(after: index)
            guard next != bytes.endIndex, bytes[next] == 58 else { return nil }
            gap = 0
            index = bytes.index(after: next)
        }
        while index != bytes.endIndex {
            guard n < 8 else { return nil }
            // Read one group (hex) or a trailing IPv4.
            var end = index
            var value: UInt32 = 0, count = 0, sawDot = false
            while end != bytes.endIndex, bytes[end] != 58 {
                let b = bytes[end]
                if b == 46 { sawDot = true }
                else if let h = hexValue(b) { value = value << 4 | UInt32(h) }
                else if !(b >= 48 && b <= 57) { return nil }
                count += 1
                end = bytes.index(after: end)
            }
            if sawDot {
                guard end == bytes.endIndex, n <= 6, let v4 = v4(bytes[index..<end]) else { return nil }
                groups[n] = UInt16(v4 >> 16); groups[n + 1] = UInt16(v4 & 0xFFFF); n += 2
                break
            }
            guard count >= 1, count <= 4 else { return nil }
            groups[n] = UInt16(value); n += 1
            if end == bytes.endIndex { break }
            let afterColon = bytes.index(after: end)
            if afterColon != bytes.endIndex, bytes[afterColon] == 58 {
                guard gap == nil else { return nil }
                gap = n
                index = bytes.index(after: afterColon)
            } else {
                guard afterColon != bytes.endIndex else { return nil }
                index = afterColon
            }
        }
        if let gap {
            guard n < 8 else { return nil }
            // The groups after "::" move to the end; zeros fill the gap.
            let moved = n - gap
            for k in stride(from: moved - 1, through: 0, by: -1) { groups[8 - moved + k] = groups[gap + k] }
            for k in gap..<(8 - moved) { groups[k] = 0 }
            n = 8
        }
        guard n == 8 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(groups[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(groups[i]) }
        return V6(high: high, low: low)
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 97...102: return b - 87
        case 65...70: return b - 55
        default: return nil
        }
    }
}
