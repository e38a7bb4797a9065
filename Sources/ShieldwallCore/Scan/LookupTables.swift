// The tables an `IndicatorIndex` is made of: read-only once built, read by every scanning thread.

/// Byte strings by hash, so a lookup needs no String: the keys lie end to end in one array.
struct ByteKeys: Sendable {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325

    private var chains = HashChains()
    private var bytes: [UInt8] = []
    /// Key k is `bytes[starts[k]..<starts[k + 1]]`.
    private var starts: [Int] = [0]

    init() {}

    init(capacity: Int) {
        chains = HashChains(capacity: capacity)
        starts.reserveCapacity(capacity + 1)
    }

    var isEmpty: Bool { chains.count == 0 }
    var count: Int { chains.count }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// Adds a value, in lower case, unless it is there (then the first id stays).
    mutating func insert(_ value: UnsafeBufferPointer<UInt8>, id: Int32) {
        let start = bytes.count
        for b in value { bytes.append(Self.lower(b)) }
        let key = start..<bytes.count
        let hash = bytes.withUnsafeBufferPointer { Self.wordHash(UnsafeBufferPointer(rebasing: $0[key])) }
        let known = chains.add(hash, id: id) { slot in
            key.count == starts[slot + 1] - starts[slot] && bytes[key].elementsEqual(bytes[starts[slot]..<starts[slot + 1]])
        }
        if known != nil { bytes.removeSubrange(key) } else { starts.append(bytes.count) }
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
            if p.count >= 8 {
                // The last eight bytes, overlapping the word before: one load instead of a loop over the rest.
                w = UnsafeRawPointer(base + p.count - 8).loadUnaligned(as: UInt64.self)
            } else {
                for j in i..<p.count { w |= UInt64(p[j]) << (UInt64(j - i) * 8) }
            }
            h = mix(h, lowered(w))
        }
        return h
    }

    /// The id of the key equal to `text` with ASCII case folded; `hash`: its `wordHash`, when the caller has it.
    @inline(__always)
    func find(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil) -> Int32? {
        bytes.withUnsafeBufferPointer { all in
            chains.find(hash ?? Self.wordHash(text)) { slot in
                let start = starts[slot]
                guard starts[slot + 1] - start == text.count else { return false }
                for j in 0..<text.count where all[start + j] != Self.lower(text[j]) { return false }
                return true
            }
        }
    }
}

/// IPv6 addresses (or networks) to ids, by a hash of the address, the addresses kept to confirm (Swift's
/// `Dictionary` would hash with SipHash).
struct V6Table: Sendable {
    private var chains = HashChains()
    private var keys: [IPAddress.V6] = []

    init() {}

    init(capacity: Int) {
        guard capacity > 0 else { return }
        chains = HashChains(capacity: capacity)
        keys.reserveCapacity(capacity)
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
        if let known = chains.add(Self.hash(a), id: id, unless: { keys[$0] == a }) { return known }
        keys.append(a)
        return id
    }

    @inline(__always)
    func get(_ a: IPAddress.V6) -> Int32? {
        chains.find(Self.hash(a)) { keys[$0] == a }
    }
}

/// Ids by a 64-bit hash of keys longer than the hash (byte strings, IPv6 addresses): an `IntTable` from a
/// hash to its first slot, and the rare slots that share a hash chained after it. The caller keeps the
/// keys, slot by slot in the order they were added, and says which slot holds the key it means.
struct HashChains: Sendable {
    private var first = IntTable<UInt64>()
    /// Slot → the next slot with the same hash, or -1.
    private var next: [Int32] = []
    private var ids: [Int32] = []

    init() {}

    init(capacity: Int) {
        first = IntTable<UInt64>(capacity: capacity)
        next.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
    }

    var count: Int { ids.count }

    /// The id in the slot under `hash` that `holds` accepts.
    @inline(__always)
    func find(_ hash: UInt64, _ holds: (Int) -> Bool) -> Int32? {
        guard var slot = first.get(hash) else { return nil }
        while slot >= 0 {
            if holds(Int(slot)) { return ids[Int(slot)] }
            slot = next[Int(slot)]
        }
        return nil
    }

    /// The id in the slot under `hash` that `holds` accepts; when none does, `id` goes into a new slot
    /// (numbered `count` before the call) and the answer is nil, for the caller to keep the key for it.
    mutating func add(_ hash: UInt64, id: Int32, unless holds: (Int) -> Bool) -> Int32? {
        var last: Int32 = -1
        if var slot = first.get(hash) {
            while slot >= 0 {
                if holds(Int(slot)) { return ids[Int(slot)] }
                last = slot
                slot = next[Int(slot)]
            }
        }
        let slot = Int32(ids.count)
        if last >= 0 { next[Int(last)] = slot } else { first.insert(hash, slot) }
        next.append(-1)
        ids.append(id)
        return nil
    }
}

/// A read-only open-addressing table from integer keys (IPv4 addresses, 64-bit hashes) to ids, with a
/// multiplicative hash: the scanner's
/// lookups are its hottest path, and Swift's `Dictionary` hashes every key with SipHash. Key and id sit
/// side by side, so a probe costs one cache miss, not two. In front of the slots sits a blocked Bloom
/// filter: one 64-bit word per 8 keys, two bits a key in the same word (a byte a key; about 6 % of absent
/// keys get past it). Nearly every address and host in a log is absent, and with a million indicators
/// the filter is what stays in the core's cache while the slots do not.
/// An IPv4 address takes an 8-byte slot, a hash 16.
///
/// The type asks nothing of `Key` (`Sendable` is only a marker); what a key must be able to do is asked by the
/// extension that does it. A requirement on the type itself made the runtime check, on the first table made,
/// `UInt32`'s and `UInt64`'s conformances to the integer protocols, each check a pass over every conformance in
/// the executable (fifteen thousand, in one that links the server): 1.5–2.5 ms of every `scan`'s start.
struct IntTable<Key: Sendable>: Sendable {
    struct Slot { var key: Key; var id: Int32 }
    private var slots: [Slot] = []
    private var mask: Int = 0
    private var filter: [UInt64] = []
    private(set) var count = 0

    init() {}
}

extension IntTable where Key: FixedWidthInteger & UnsignedInteger {
    /// An empty table with room for `capacity` keys at most two thirds full.
    init(capacity wanted: Int) {
        var capacity = 8
        while capacity < wanted + wanted / 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(key: 0, id: -1), count: capacity)
        mask = capacity - 1
        filter = Array(repeating: 0, count: max(8, (wanted + 7) / 8))
    }

    @inline(__always)
    static func slot(_ key: Key, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The filter's word for a key and the two bits in it, from a second hash independent of the slot's
    /// (the word by multiply-shift range reduction, so the filter needs no power-of-two size).
    @inline(__always)
    func filterBits(_ key: Key) -> (word: Int, bits: UInt64) {
        let k = UInt64(truncatingIfNeeded: key)
        let h = (k ^ (k >> 31)) &* 0xC2B2_AE3D_27D4_EB4F
        let word = Int(truncatingIfNeeded: ((h >> 32) &* UInt64(filter.count)) >> 32)
        return (word, 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63))
    }

    /// Adds `key` unless it is there; returns the id it then has (the earlier one when it was there).
    /// The table must have been made with room for it (`init(capacity:)`).
    @discardableResult
    mutating func insert(_ key: Key, _ id: Int32) -> Int32 {
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
    func get(_ key: Key) -> Int32? {
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
