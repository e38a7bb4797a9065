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

        /// The IPv4 address of an IPv4-mapped one (`::ffff:192.0.2.1`, RFC 4291 §2.5.5.2).
        public var mappedV4: UInt32? {
            high == 0 && low >> 32 == 0xFFFF ? UInt32(truncatingIfNeeded: low) : nil
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
        if let parsed = bytes.withContiguousStorageIfAvailable(v4(contiguous:)) { return parsed }
        return Array(bytes).withUnsafeBufferPointer(v4(contiguous:))
    }

    @inline(__always)
    static func v4(contiguous p: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard let parsed = v4Prefix(p), parsed.end == p.count else { return nil }
        return parsed.address
    }

    /// A dotted-quad IPv4 address at the start of `p`, as `v4` reads it, and where it ends (the first byte that is
    /// neither a digit nor a dot): the scanner reads a web line's client this way, without first finding its end.
    @inline(__always)
    static func v4Prefix(_ p: UnsafeBufferPointer<UInt8>) -> (address: UInt32, end: Int)? {
        p.count >= 16 ? v4PrefixByWords(p) : v4PrefixByBytes(p)
    }

    /// `v4Prefix` four bytes at a time, without a branch per byte: how many digits a part has (one to three, in no
    /// order a branch predictor could learn) is counted from where its first byte that is not a digit is. Needs
    /// 16 bytes, the longest address and the byte after it.
    @inline(__always)
    static func v4PrefixByWords(_ p: UnsafeBufferPointer<UInt8>) -> (address: UInt32, end: Int)? {
        guard let base = p.baseAddress, p.count >= 16 else { return nil }
        var address: UInt32 = 0, i = 0, valid = true
        for part in 0..<4 {
            // Each byte less '0': a digit's value for digits. The high bit of each byte of `other` is set where
            // the byte is not a digit (without carries between bytes: each byte's sum is at most 0x7F + 0x76).
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self) ^ 0x3030_3030
            let other = ((x & 0x7F7F_7F7F) &+ 0x7676_7676 | x) & 0x8080_8080
            let digits = other.trailingZeroBitCount >> 3  // 4 when all four are digits
            valid = valid && digits >= 1 && digits <= 3
            let kept = min(max(digits, 1), 3)
            // The digits moved up to end in the third byte, the first digit lowest: "7" is 0 0 7, "42" is 0 4 2.
            let aligned = (x << UInt32(8 * (3 - kept))) & 0x00FF_FFFF
            let value = (aligned & 0xFF) &* 100 &+ (aligned >> 8 & 0xFF) &* 10 &+ (aligned >> 16)
            valid = valid && value <= 255
            address = address << 8 | value
            i += kept
            // Between parts a dot; after the last, anything but a dot (or digit, which `digits` already refused).
            valid = valid && (base[i] == 46) == (part < 3)
            if part < 3 { i += 1 }
        }
        return valid ? (address, i) : nil
    }

    @inline(__always)
    static func v4PrefixByBytes(_ p: UnsafeBufferPointer<UInt8>) -> (address: UInt32, end: Int)? {
        var value: UInt32 = 0, part: UInt32 = 0, digits = 0, dots = 0, i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b &- 48 < 10 {
                part = part * 10 + UInt32(b &- 48)
                digits += 1
                if digits > 3 || part > 255 { return nil }
            } else if b == 46 {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | part
                part = 0; digits = 0; dots += 1
            } else {
                break
            }
            i += 1
        }
        guard dots == 3, digits > 0 else { return nil }
        return (value << 8 | part, i)
    }

    /// IPv6 in any RFC 4291 text form, including `::` and a trailing dotted IPv4. Zone ids (`%eth0`) are refused.
    public static func v6<C: Collection<UInt8>>(_ bytes: C) -> V6? {
        if let parsed = bytes.withContiguousStorageIfAvailable(v6(contiguous:)) { return parsed }
        return Array(bytes).withUnsafeBufferPointer(v6(contiguous:))
    }

    /// The parser itself, on bytes in memory (the scanner's path: one pass, no array, no index arithmetic).
    /// Groups before `::` collect in `head`, groups after it in `tail`.
    static func v6(contiguous p: UnsafeBufferPointer<UInt8>) -> V6? {
        let n = p.count
        guard n >= 2, n <= 45 else { return nil }
        var head: UInt128 = 0, tail: UInt128 = 0, headGroups = 0, tailGroups = 0, gap = false
        @inline(__always) func add(_ group: UInt32) {
            if gap { tail = tail << 16 | UInt128(group); tailGroups += 1 } else { head = head << 16 | UInt128(group); headGroups += 1 }
        }
        var i = 0
        if p[0] == 58 {  // leading "::"
            guard p[1] == 58 else { return nil }
            gap = true
            i = 2
        }
        while i < n {
            guard headGroups + tailGroups < 8 else { return nil }
            var value: UInt32 = 0, j = i
            while j < n, let h = hexValue(p[j]) { value = value << 4 | UInt32(h); j += 1 }
            if j < n && p[j] == 46 {  // a trailing dotted IPv4 takes two groups
                guard headGroups + tailGroups <= 6, let v4 = v4(UnsafeBufferPointer(rebasing: p[i...])) else { return nil }
                add(v4 >> 16); add(v4 & 0xFFFF)
                break
            }
            guard j - i >= 1, j - i <= 4 else { return nil }
            add(value)
            if j == n { break }
            guard p[j] == 58, j + 1 < n else { return nil }
            if p[j + 1] == 58 {
                guard !gap else { return nil }
                gap = true
                i = j + 2
            } else {
                i = j + 1
            }
        }
        let groups = headGroups + tailGroups
        if gap { guard groups < 8 else { return nil } } else { guard groups == 8 else { return nil } }
        let value = (groups == 8 ? head : head << UInt128(16 * (8 - headGroups))) | tail
        return V6(high: UInt64(truncatingIfNeeded: value >> 64), low: UInt64(truncatingIfNeeded: value))
    }

    /// Without branches on which kind of digit it is: in an address, digits and letters come in no order a
    /// branch predictor could learn.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        let digit = b &- 48, letter = (b | 0x20) &- 97
        let value = digit < 10 ? digit : (letter < 6 ? letter &+ 10 : 0xFF)
        return value == 0xFF ? nil : value
    }
}
