import Foundation

/// An immutable index of indicators, built once, read by every scanning thread: hash sets for exact
/// values, one set per prefix length for CIDR ranges, and domain suffixes hashed from the last label
/// backwards so that `www.evil.example` finds `evil.example` (and `notevil.example` does not).
public struct IndicatorIndex: Sendable {
    public let indicators: [ScanIndicator]
    var v4 = IntTable()
    var v4Ranges: [(prefix: Int, networks: IntTable)] = []
    var v6: [IPAddress.V6: Int32] = [:]
    var v6Ranges: [(prefix: Int, networks: [IPAddress.V6: Int32])] = []
    var domains = ByteKeys()
    var exact = ByteKeys()

    public init(_ list: [ScanIndicator], threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        var unique: [ScanIndicator] = []
        var seen = Set<ScanIndicator>()
        unique.reserveCapacity(list.count)
        seen.reserveCapacity(list.count)
        for i in list where seen.insert(i).inserted { unique.append(i) }
        indicators = unique
        // Addresses, domains and exact values are three tables that share nothing: built side by side.
        enum Built { case addresses(Addresses), domains(ByteKeys), exact(ByteKeys) }
        let built = Parallel.map(3, threads: threads) { part -> Built in
            switch part {
            case 0: return .addresses(Addresses(unique))
            case 1:
                var keys = ByteKeys()
                for (n, indicator) in unique.enumerated() where indicator.kind == .domain { keys.insert(indicator.value.utf8.reversed(), id: Int32(n)) }
                keys.seal()
                return .domains(keys)
            default:
                var keys = ByteKeys()
                for (n, indicator) in unique.enumerated() where [.url, .email, .hash].contains(indicator.kind) {
                    let key = indicator.value.utf8.map(ByteKeys.lower)
                    keys.insert(key, id: Int32(n), hash: key.withUnsafeBufferPointer(ByteKeys.wordHash))
                }
                keys.seal()
                return .exact(keys)
            }
        }
        for part in built {
            switch part {
            case .addresses(let a): v4 = a.v4; v4Ranges = a.v4Ranges; v6 = a.v6; v6Ranges = a.v6Ranges
            case .domains(let keys): domains = keys
            case .exact(let keys): exact = keys
            }
        }
    }

    /// Exact addresses and one table per CIDR prefix length, narrowest first.
    struct Addresses {
        var v4 = IntTable()
        var v4Ranges: [(prefix: Int, networks: IntTable)] = []
        var v6: [IPAddress.V6: Int32] = [:]
        var v6Ranges: [(prefix: Int, networks: [IPAddress.V6: Int32])] = []

        init(_ indicators: [ScanIndicator]) {
            var v4Prefixes: [Int: [UInt32: Int32]] = [:], v6Prefixes: [Int: [IPAddress.V6: Int32]] = [:]
            var v4Exact: [UInt32: Int32] = [:]
            for (n, indicator) in indicators.enumerated() where indicator.kind == .ipv4 || indicator.kind == .ipv6 || indicator.kind == .cidr {
                let id = Int32(n)
                let bytes = Array(indicator.value.utf8)
                switch indicator.kind {
                case .ipv4: if let a = IPAddress.v4(bytes) { v4Exact[a] = id }
                case .ipv6: if let a = IPAddress.v6(bytes) { v6[a] = id }
                default:
                    guard let slash = bytes.firstIndex(of: 47), let prefix = Int(String(decoding: bytes[(slash + 1)...], as: UTF8.self)) else { continue }
                    if let a = IPAddress.v4(bytes[..<slash]) {
                        if prefix == 32 { v4Exact[a] = id } else { v4Prefixes[prefix, default: [:]][IndicatorIndex.mask(a, prefix)] = id }
                    } else if let a = IPAddress.v6(bytes[..<slash]) {
                        if prefix == 128 { v6[a] = id } else { v6Prefixes[prefix, default: [:]][a.masked(prefix)] = id }
                    }
                }
            }
            v4 = IntTable(v4Exact)
            v4Ranges = v4Prefixes.sorted { $0.key > $1.key }.map { ($0.key, IntTable($0.value)) }
            v6Ranges = v6Prefixes.sorted { $0.key > $1.key }.map { ($0.key, $0.value) }
        }
    }

    public var count: Int { indicators.count }

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
        if let id = v6[address] { return id }
        for range in v6Ranges { if let id = range.networks[address.masked(range.prefix)] { return id } }
        return nil
    }

    /// The indicator a host name hits: itself or any parent domain, compared case-insensitively.
    public func match(host: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !domains.isEmpty, host.count > 0 else { return nil }
        var hash = ByteKeys.offset
        var i = host.count - 1
        if host[i] == 46 { i -= 1 }  // trailing dot of a fully qualified name
        let end = i
        while i >= 0 {
            let b = ByteKeys.lower(host[i])
            hash = (hash ^ UInt64(b)) &* ByteKeys.prime
            if i == 0 || host[i - 1] == 46 {
                if let id = domains.find(hash: hash, length: end - i + 1, matches: { k in
                    var ok = true
                    for j in 0..<k.count where k[j] != ByteKeys.lower(host[end - j]) { ok = false; break }
                    return ok
                }) { return id }
            }
            i -= 1
        }
        return nil
    }

    /// Exact URL, e-mail address or hash, compared case-insensitively.
    public func match(exact token: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !exact.isEmpty else { return nil }
        return exact.find(hash: ByteKeys.wordHash(token), length: token.count) { k in
            var ok = true
            for j in 0..<k.count where k[j] != ByteKeys.lower(token[j]) { ok = false; break }
            return ok
        }
    }
}

/// Byte strings by FNV-1a hash, so a lookup needs no String.
struct ByteKeys: Sendable {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    private var building: [UInt64: [Int32]] = [:]
    private var table = IntTable()
    /// Slots whose keys share a 64-bit hash with an earlier one (practically never): slot → next slot.
    private var next: [Int32] = []
    private var keys: [[UInt8]] = []
    private var ids: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// Keys hashed by FNV-1a, byte by byte (domains: looked up label by label from the end).
    mutating func insert<S: Sequence<UInt8>>(_ bytes: S, id: Int32) {
        let key = bytes.map(Self.lower)
        var hash = Self.offset
        for b in key { hash = (hash ^ UInt64(b)) &* Self.prime }
        insert(key, id: id, hash: hash)
    }

    /// A key (already in lower case) under a hash of the caller's.
    mutating func insert(_ key: [UInt8], id: Int32, hash: UInt64) {
        building[hash, default: []].append(Int32(keys.count))
        keys.append(key)
        ids.append(id)
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

    /// Freezes what was inserted into the lookup table.
    mutating func seal() {
        next = Array(repeating: -1, count: keys.count)
        var firsts: [UInt64: Int32] = [:]
        for (hash, slots) in building {
            firsts[hash] = slots[0]
            for (a, b) in zip(slots, slots.dropFirst()) { next[Int(a)] = b }
        }
        table = IntTable(firsts)
        building = [:]
    }

    @inline(__always)
    func find(hash: UInt64, length: Int, matches: ([UInt8]) -> Bool) -> Int32? {
        guard var slot = table.get(hash) else { return nil }
        while slot >= 0 {
            let key = keys[Int(slot)]
            if key.count == length && matches(key) { return ids[Int(slot)] }
            slot = next[Int(slot)]
        }
        return nil
    }
}

/// A read-only open-addressing table from 64-bit keys to ids, with a multiplicative hash: the scanner's
/// lookups are its hottest path, and Swift's `Dictionary` hashes every key with SipHash.
struct IntTable: Sendable {
    private var keys: [UInt64] = []
    private var values: [Int32] = []
    private var mask: Int = 0

    init() {}

    init<K: BinaryInteger>(_ entries: [K: Int32]) {
        var capacity = 8
        while capacity < entries.count * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for (k, v) in entries {
            let key = UInt64(truncatingIfNeeded: k)
            var i = Self.slot(key, mask)
            while values[i] >= 0 && keys[i] != key { i = (i + 1) & mask }
            keys[i] = key
            values[i] = v
        }
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        guard !values.isEmpty else { return nil }
        var i = Self.slot(key, mask)
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if keys[i] == key { return v }
            i = (i + 1) & mask
        }
    }
}
