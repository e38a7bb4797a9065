import Foundation

/// An immutable index of indicators, built once, read by every scanning thread: hash sets for exact
/// values, one set per prefix length for CIDR ranges, and domains looked up suffix by suffix, at label
/// boundaries, so that `www.evil.example` finds `evil.example` (and `notevil.example` does not).
///
/// A class, not a struct: the scanner calls into it several times a line, and a struct of its size was copied
/// (256 bytes) onto the stack for every call.
public final class IndicatorIndex: Sendable {
    /// The list as given; an id is a position in it. A value listed twice is found under its first id.
    public let indicators: [ScanIndicator]
    /// How many distinct values the tables hold.
    public let count: Int
    let v4: IntTable<UInt32>
    let v4Ranges: [(prefix: Int, networks: IntTable<UInt32>)]
    let v6: V6Table
    let v6Ranges: [(prefix: Int, networks: V6Table)]
    let domains: ByteKeys
    /// Which numbers of labels the listed domains have (bit n: n labels; bit 63: 63 or more), so a host
    /// is looked up only at the suffixes that could be listed.
    let domainLabels: UInt64
    let exact: ByteKeys

    public init(_ list: [ScanIndicator], threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        indicators = list
        // Each table keeps the first id of a value, so duplicates need no pass of their own. Exact IPv4
        // addresses (most lists' largest part), the other addresses, domains and exact values are tables
        // that share nothing: built side by side.
        enum Built { case addresses(Addresses), domains(ByteKeys, labels: UInt64), exact(ByteKeys) }
        let built = Parallel.map(4, threads: threads) { part -> Built in
            switch part {
            case 0: return .addresses(Addresses(list, part: .v4))
            case 1: return .addresses(Addresses(list, part: .rangesAndV6))
            case 2:
                var keys = ByteKeys(capacity: list.count { $0.kind == .domain }), labels: UInt64 = 0
                for n in list.indices where list[n].kind == .domain {
                    Self.withBytes(list[n].value) { value in
                        keys.insert(value, id: Int32(n))
                        labels |= Self.labelBit(value.count { $0 == 46 } + 1)
                    }
                }
                return .domains(keys, labels: labels)
            default:
                var keys = ByteKeys(capacity: list.count { $0.kind.isExact })
                for n in list.indices where list[n].kind.isExact {
                    Self.withBytes(list[n].value) { keys.insert($0, id: Int32(n)) }
                }
                return .exact(keys)
            }
        }
        var v4 = IntTable<UInt32>(), others = Addresses(part: .rangesAndV6), domains = ByteKeys(), labels: UInt64 = 0
        var exact = ByteKeys(), count = 0
        for part in built {
            switch part {
            case .addresses(let a) where a.part == .v4: v4 = a.v4; count += a.count
            case .addresses(let a): others = a; count += a.count
            case .domains(let keys, let bits): domains = keys; labels = bits; count += keys.count
            case .exact(let keys): exact = keys; count += keys.count
            }
        }
        (self.v4, v4Ranges, v6, v6Ranges) = (v4, others.v4Ranges, others.v6, others.v6Ranges)
        (self.domains, domainLabels, self.exact, self.count) = (domains, labels, exact, count)
    }

    /// A value's UTF-8 bytes without copying them (a copy only for the rare string that is not stored as UTF-8).
    static func withBytes(_ value: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if value.utf8.withContiguousStorageIfAvailable(body) == nil { Array(value.utf8).withUnsafeBufferPointer(body) }
    }

    @inline(__always)
    static func labelBit(_ labels: Int) -> UInt64 { 1 << UInt64(min(labels, 63)) }

    /// Exact addresses and one table per CIDR prefix length, narrowest first; in two parts, built apart:
    /// exact IPv4 addresses (also written as /32), and everything else.
    struct Addresses {
        enum Part { case v4, rangesAndV6 }
        let part: Part
        var v4 = IntTable<UInt32>()
        var v4Ranges: [(prefix: Int, networks: IntTable<UInt32>)] = []
        var v6 = V6Table()
        var v6Ranges: [(prefix: Int, networks: V6Table)] = []
        var count = 0

        init(part: Part) { self.part = part }

        init(_ indicators: [ScanIndicator], part: Part) {
            self.part = part
            // Read first, then put into tables sized for what was read.
            var v4Exact: [(key: UInt32, id: Int32)] = [], v4Networks: [(key: UInt32, prefix: Int, id: Int32)] = []
            var v6Exact: [(key: IPAddress.V6, id: Int32)] = [], v6Networks: [(key: IPAddress.V6, prefix: Int, id: Int32)] = []
            // Room for all, as address space: only what is filled is memory, and nothing is copied as they fill.
            if part == .v4 { v4Exact.reserveCapacity(indicators.count) } else {
                v4Networks.reserveCapacity(indicators.count)
                v6Exact.reserveCapacity(indicators.count)
                v6Networks.reserveCapacity(indicators.count)
            }
            // By index, the kind looked at in place (a copy of each indicator would retain its text); each part
            // reads only the kinds it can hold.
            for n in indicators.indices {
                let kind = indicators[n].kind
                guard kind == .cidr || kind == (part == .v4 ? .ipv4 : .ipv6) else { continue }
                let id = Int32(n)
                IndicatorIndex.withBytes(indicators[n].value) { bytes in
                    switch kind {
                    case .ipv4: if part == .v4, let a = IPAddress.v4(bytes) { v4Exact.append((a, id)) }
                    case .ipv6: if part == .rangesAndV6, let a = IPAddress.v6(bytes) { v6Exact.append((a, id)) }
                    default:
                        guard let slash = bytes.firstIndex(of: 47), let prefix = Self.number(bytes[(slash + 1)...]) else { return }
                        if part == .v4 && prefix != 32 { return }
                        if let a = IPAddress.v4(bytes[..<slash]), prefix <= 32 {
                            if part == .rangesAndV6 && prefix == 32 { return }
                            if prefix == 32 { v4Exact.append((a, id)) } else { v4Networks.append((IndicatorIndex.mask(a, prefix), prefix, id)) }
                        } else if part == .rangesAndV6, let a = IPAddress.v6(bytes[..<slash]), prefix <= 128 {
                            if prefix == 128 { v6Exact.append((a, id)) } else { v6Networks.append((a.masked(prefix), prefix, id)) }
                        }
                    }
                }
            }
            v4 = IntTable<UInt32>(capacity: v4Exact.count)
            for (key, id) in v4Exact where v4.insert(key, id) == id { count += 1 }
            v6 = V6Table(capacity: v6Exact.count)
            for (key, id) in v6Exact where v6.insert(key, id) == id { count += 1 }
            var v4ByPrefix = [Int](repeating: 0, count: 33), v6ByPrefix = [Int](repeating: 0, count: 129)
            for network in v4Networks { v4ByPrefix[network.prefix] += 1 }
            for network in v6Networks { v6ByPrefix[network.prefix] += 1 }
            var v4Tables = v4ByPrefix.map { IntTable<UInt32>(capacity: $0) }, v6Tables = v6ByPrefix.map { V6Table(capacity: $0) }
            for (key, prefix, id) in v4Networks where v4Tables[prefix].insert(key, id) == id { count += 1 }
            for (key, prefix, id) in v6Networks where v6Tables[prefix].insert(key, id) == id { count += 1 }
            v4Ranges = (0..<32).reversed().filter { v4ByPrefix[$0] > 0 }.map { ($0, v4Tables[$0]) }
            v6Ranges = (0..<128).reversed().filter { v6ByPrefix[$0] > 0 }.map { ($0, v6Tables[$0]) }
        }

        /// A CIDR prefix length: one to three digits.
        static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            guard (1...3).contains(digits.count) else { return nil }
            var n = 0
            for d in digits {
                guard d >= 48 && d <= 57 else { return nil }
                n = n * 10 + Int(d - 48)
            }
            return n
        }
    }


    @inline(__always)
    static func mask(_ a: UInt32, _ prefix: Int) -> UInt32 {
        prefix == 0 ? 0 : a & (~UInt32(0) << UInt32(32 - prefix))
    }

    /// The indicator an IPv4 address hits: exact first, then the narrowest range holding it.
    @inline(__always)
    public func match(v4 address: UInt32) -> Int32? {
        if let id = v4.get(address) { return id }
        for range in v4Ranges { if let id = range.networks.get(Self.mask(address, range.prefix)) { return id } }
        return nil
    }

    public func match(v6 address: IPAddress.V6) -> Int32? {
        if let id = v6.get(address) { return id }
        for range in v6Ranges { if let id = range.networks.get(address.masked(range.prefix)) { return id } }
        return nil
    }

    /// The indicator a host name hits: itself or any parent domain, compared case-insensitively. Only
    /// suffixes with as many labels as some listed domain are looked up (never a bare top-level label),
    /// each hashed whole, eight bytes at a time.
    public func match(host: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !domains.isEmpty, let p = host.baseAddress else { return nil }
        var end = host.count
        if end > 0 && p[end - 1] == 46 { end -= 1 }  // trailing dot of a fully qualified name
        let most = 63 - domainLabels.leadingZeroBitCount  // labels of the longest listed domain
        // `start`: where the suffix looked at last begins (at first, `end`); the label before it ends at the dot before it.
        var start = end, labels = 0
        while start > 0 && labels < most {
            var i = labels == 0 ? end : start - 1  // skip that dot
            while i > 0 && p[i - 1] != 46 { i -= 1 }
            labels += 1
            start = i
            guard domainLabels & Self.labelBit(labels) != 0 else { continue }
            let suffix = UnsafeBufferPointer(start: p + start, count: end - start)
            if let id = domains.find(suffix) { return id }
        }
        return nil
    }

    /// Exact URL, e-mail address or hash, compared case-insensitively; `hash`: the token's
    /// `ByteKeys.wordHash`, when the caller has it.
    public func match(exact token: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil) -> Int32? {
        guard !exact.isEmpty else { return nil }
        return exact.find(token, hash: hash)
    }
}
