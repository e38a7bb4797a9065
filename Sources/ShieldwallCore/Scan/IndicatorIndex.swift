import Foundation

/// An immutable index of indicators, built once, read by every scanning thread: hash sets for exact
/// values, one set per prefix length for CIDR ranges, and domains looked up suffix by suffix, at label
/// boundaries, so that `www.evil.example` finds `evil.example` (and `notevil.example` does not).
public struct IndicatorIndex: Sendable {
    /// The list as given; an id is a position in it. A value listed twice is found under its first id.
    public let indicators: [ScanIndicator]
    /// How many distinct values the tables hold.
    public private(set) var count = 0
    var v4 = IntTable()
    var v4Ranges: [(prefix: Int, networks: IntTable)] = []
    var v6 = V6Table()
    var v6Ranges: [(prefix: Int, networks: V6Table)] = []
    var domains = ByteKeys()
    /// Which numbers of labels the listed domains have (bit n: n labels; bit 63: 63 or more), so a host
    /// is looked up only at the suffixes that could be listed.
    var domainLabels: UInt64 = 0
    var exact = ByteKeys()

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
                for (n, indicator) in list.enumerated() where indicator.kind == .domain {
                    Self.withBytes(indicator.value) { value in
                        keys.insert(id: Int32(n)) { out in for b in value { out.append(ByteKeys.lower(b)) } }
                        labels |= Self.labelBit(value.count { $0 == 46 } + 1)
                    }
                }
                return .domains(keys, labels: labels)
            default:
                var keys = ByteKeys(capacity: list.count { $0.kind.isExact })
                for (n, indicator) in list.enumerated() where indicator.kind.isExact {
                    Self.withBytes(indicator.value) { value in
                        keys.insert(id: Int32(n)) { out in for b in value { out.append(ByteKeys.lower(b)) } }
                    }
                }
                return .exact(keys)
            }
        }
        for part in built {
            switch part {
            case .addresses(let a) where a.part == .v4: v4 = a.v4; count += a.count
            case .addresses(let a): v4Ranges = a.v4Ranges; v6 = a.v6; v6Ranges = a.v6Ranges; count += a.count
            case .domains(let keys, let labels): domains = keys; domainLabels = labels; count += keys.count
            case .exact(let keys): exact = keys; count += keys.count
            }
        }
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
        var v4 = IntTable()
        var v4Ranges: [(prefix: Int, networks: IntTable)] = []
        var v6 = V6Table()
        var v6Ranges: [(prefix: Int, networks: V6Table)] = []
        var count = 0

        init(_ indicators: [ScanIndicator], part: Part) {
            self.part = part
            // Read first, then put into tables sized for what was read.
            var v4Exact: [(key: UInt32, id: Int32)] = [], v4Networks: [(key: UInt32, prefix: Int, id: Int32)] = []
            var v6Exact: [(key: IPAddress.V6, id: Int32)] = [], v6Networks: [(key: IPAddress.V6, prefix: Int, id: Int32)] = []
            for (n, indicator) in indicators.enumerated() where indicator.kind == .ipv4 || indicator.kind == .ipv6 || indicator.kind == .cidr {
                let id = Int32(n)
                IndicatorIndex.withBytes(indicator.value) { bytes in
                    switch indicator.kind {
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
            v4 = IntTable(capacity: v4Exact.count)
            for (key, id) in v4Exact where v4.insert(UInt64(key), id) == id { count += 1 }
            v6 = V6Table(capacity: v6Exact.count)
            for (key, id) in v6Exact where v6.insert(key, id) == id { count += 1 }
            var v4ByPrefix = [Int](repeating: 0, count: 33), v6ByPrefix = [Int](repeating: 0, count: 129)
            for network in v4Networks { v4ByPrefix[network.prefix] += 1 }
            for network in v6Networks { v6ByPrefix[network.prefix] += 1 }
            var v4Tables = v4ByPrefix.map { IntTable(capacity: $0) }, v6Tables = v6ByPrefix.map { V6Table(capacity: $0) }
            for (key, prefix, id) in v4Networks where v4Tables[prefix].insert(UInt64(key), id) == id { count += 1 }
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
        if let id = v4.get(UInt64(address)) { return id }
        for range in v4Ranges { if let id = range.networks.get(UInt64(Self.mask(address, range.prefix))) { return id } }
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
            if let id = domains.find(hash: ByteKeys.wordHash(suffix), length: suffix.count, matches: { Self.equalFolded($0, suffix) }) { return id }
        }
        return nil
    }

    /// A stored key (in lower case) against bytes from a log, ASCII case folded.
    @inline(__always)
    static func equalFolded(_ key: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for j in 0..<key.count where key[j] != ByteKeys.lower(text[j]) { return false }
        return true
    }

    /// Exact URL, e-mail address or hash, compared case-insensitively.
    public func match(exact token: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !exact.isEmpty else { return nil }
        return exact.find(hash: ByteKeys.wordHash(token), length: token.count) { Self.equalFolded($0, token) }
    }
}

/// Byte strings by hash, so a lookup needs no String: the keys lie end to end in one array.
struct ByteKeys: Sendable {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Hash → the first key with it.
    private var table = IntTable()
    /// Keys that share a 64-bit hash with an earlier one (practically never): key → next key, or -1.
    private var next: [Int32] = []
    private var bytes: [UInt8] = []
    /// Key k is `bytes[starts[k]..<starts[k + 1]]`.
    private var starts: [Int] = [0]
    private var ids: [Int32] = []

    init() {}

    init(capacity: Int) {
        table = IntTable(capacity: capacity)
        ids.reserveCapacity(capacity)
        starts.reserveCapacity(capacity + 1)
    }

    var isEmpty: Bool { ids.isEmpty }
    var count: Int { ids.count }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// Adds the key `write` appends (already in lower case) unless it is there.
    mutating func insert(id: Int32, _ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        let key = start..<bytes.count
        let hash = bytes.withUnsafeBufferPointer { Self.wordHash(UnsafeBufferPointer(rebasing: $0[key])) }
        var last: Int32 = -1
        if var slot = table.get(hash) {
            while slot >= 0 {
                if key.count == starts[Int(slot) + 1] - starts[Int(slot)] && bytes[key].elementsEqual(bytes[starts[Int(slot)]..<starts[Int(slot) + 1]]) {
                    bytes.removeSubrange(key)  // listed before: the first id stays
                    return
                }
                last = slot
                slot = next[Int(slot)]
            }
        }
        let slot = Int32(ids.count)
        if last >= 0 { next[Int(last)] = slot } else { table.insert(hash, slot) }
        next.append(-1)
        ids.append(id)
        starts.append(bytes.count)
    }

    /// A hash of whole keys (URLs, addresses, hashes) eight bytes at a time, ASCII letters folded to lower
    /// case in the word: several times fewer steps than FNV-1a's byte at a time on a long URL.
    @inline(__always)
    static func wordHash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = p.baseAddress else { return offset }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func lowered(_ w: UInt64) -> UInt64 {
            let low7 = w & ~highs
            let atLeastA = low7 &+ (0x80 - 0x41) &* ones, pastZ = low7 &+ (0x80 - 0x5B) &* ones
            return w | (((atLeastA ^ pastZ) & ~w & highs) >> 2)
        }
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let m = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            return m ^ (m >> 29)
        }
        var h = offset ^ UInt64(p.count)
        var i = 0
        while i + 8 <= p.count {
            h = mix(h, lowered(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            i += 8
        }
        if i < p.count {
            var w: UInt64 = 0
            for j in i..<p.count { w |= UInt64(p[j]) << (UInt64(j - i) * 8) }
            h = mix(h, lowered(w))
        }
        return h
    }

    /// The id of the key with this hash and length that `matches` accepts (given the key's bytes).
    @inline(__always)
    func find(hash: UInt64, length: Int, matches: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int32? {
        guard var slot = table.get(hash) else { return nil }
        return bytes.withUnsafeBufferPointer { all in
            while slot >= 0 {
                let start = starts[Int(slot)], end = starts[Int(slot) + 1]
                if end - start == length && matches(UnsafeBufferPointer(rebasing: all[start..<end])) { return ids[Int(slot)] }
                slot = next[Int(slot)]
            }
            return nil
        }
    }
}

/// IPv6 addresses (or networks) to ids: an `IntTable` from a hash of the address to the first address
/// with that hash, the addresses kept beside it to confirm (Swift's `Dictionary` would hash with SipHash).
struct V6Table: Sendable {
    private var table = IntTable()
    private var keys: [IPAddress.V6] = []
    private var ids: [Int32] = []
    /// Addresses that share a 64-bit hash with an earlier one: slot → next slot, or -1.
    private var next: [Int32] = []

    init() {}

    init(capacity: Int) {
        guard capacity > 0 else { return }
        table = IntTable(capacity: capacity)
        keys.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
        next.reserveCapacity(capacity)
    }

    @inline(__always)
    static func hash(_ a: IPAddress.V6) -> UInt64 {
        var h = (a.high &* 0x9E37_79B9_7F4A_7C15) ^ a.low
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// Adds the address unless it is there; returns the id it then has.
    @discardableResult
    mutating func insert(_ a: IPAddress.V6, _ id: Int32) -> Int32 {
        let h = Self.hash(a)
        var last: Int32 = -1
        if var slot = table.get(h) {
            while slot >= 0 {
                if keys[Int(slot)] == a { return ids[Int(slot)] }
                last = slot
                slot = next[Int(slot)]
            }
        }
        let slot = Int32(keys.count)
        if last >= 0 { next[Int(last)] = slot } else { table.insert(h, slot) }
        keys.append(a); ids.append(id); next.append(-1)
        return id
    }

    @inline(__always)
    func get(_ a: IPAddress.V6) -> Int32? {
        guard var slot = table.get(Self.hash(a)) else { return nil }
        while slot >= 0 {
            if keys[Int(slot)] == a { return ids[Int(slot)] }
            slot = next[Int(slot)]
        }
        return nil
    }
}

/// A read-only open-addressing table from 64-bit keys to ids, with a multiplicative hash: the scanner's
/// lookups are its hottest path, and Swift's `Dictionary` hashes every key with SipHash. Key and id sit
/// side by side, so a probe costs one cache miss, not two. In front of the slots sits a blocked Bloom
/// filter: one 64-bit word per 8 keys, two bits a key in the same word (a byte a key; about 6 % of absent
/// keys get past it). Nearly every address and host in a log is absent, and with a million indicators
/// the filter is what stays in the core's cache while the slots do not.
struct IntTable: Sendable {
    struct Slot { var key: UInt64; var id: Int32 }
    private var slots: [Slot] = []
    private var mask: Int = 0
    private var filter: [UInt64] = []
    private(set) var count = 0

    init() {}

    /// An empty table with room for `capacity` keys at most half full.
    init(capacity wanted: Int) {
        var capacity = 8
        while capacity < wanted * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(key: 0, id: -1), count: capacity)
        mask = capacity - 1
        filter = Array(repeating: 0, count: max(8, (wanted + 7) / 8))
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The filter's word for a key and the two bits in it, from a second hash independent of the slot's
    /// (the word by multiply-shift range reduction, so the filter needs no power-of-two size).
    @inline(__always)
    func filterBits(_ key: UInt64) -> (word: Int, bits: UInt64) {
        let h = (key ^ (key >> 31)) &* 0xC2B2_AE3D_27D4_EB4F
        let word = Int(truncatingIfNeeded: ((h >> 32) &* UInt64(filter.count)) >> 32)
        return (word, 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63))
    }

    /// Adds `key` unless it is there; returns the id it then has (the earlier one when it was there).
    /// The table must have been made with room for it (`init(capacity:)`).
    @discardableResult
    mutating func insert(_ key: UInt64, _ id: Int32) -> Int32 {
        var i = Self.slot(key, mask)
        while slots[i].id >= 0 {
            if slots[i].key == key { return slots[i].id }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, id: id)
        let f = filterBits(key)
        filter[f.word] |= f.bits
        count += 1
        return id
    }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        guard count > 0 else { return nil }
        let f = filterBits(key)
        guard filter.withUnsafeBufferPointer({ $0[f.word] }) & f.bits == f.bits else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            var i = Self.slot(key, mask)
            while true {
                let slot = slots[i]
                if slot.id < 0 { return nil }
                if slot.key == key { return slot.id }
                i = (i + 1) & mask
            }
        }
    }
}
