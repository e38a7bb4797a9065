/// The referrers one scanning thread has looked up lately, each with what it found. A web log repeats a few
/// referrers (the shop's own pages, a search engine) on most of its lines; one seen before costs a hash, a
/// probe here and a compare, instead of the URL's exact lookup, a pass over its authority and a lookup per
/// suffix of its host.
///
/// Two ways per set: a referrer's hash picks a set of two slots, and one not kept there takes the place of the
/// one of the two used longer ago. (Direct-mapped, one slot per hash, a referrer seen on every tenth line
/// was pushed out by one seen once and looked up in full again: on the benchmark's log the referrers of 14 %
/// of its lines were looked up in full that way, against 1 % now.) Each slot keeps its referrer whole (up to
/// `keyBytes`; longer ones are not kept) and answers only for the same bytes, so what it says is what the
/// lookup itself would say. Not shared between threads.
///
/// A struct of pointers, not a class: a class's reference was retained and released on every lookup. It is owned
/// by a `LogScanner.Memory`, which frees it.
struct RecentReferrers {
    static let sets = 1024, slots = 2 * sets, keyBytes = 64

    /// What a referrer found: nothing, its whole URL (reported as `referrer`) or its host (as `host`).
    enum Found {
        case nothing, url(Int32), host(Int32)
    }

    private let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: slots)
    /// The referrer's length; 0 for an empty slot (no referrer kept is empty).
    private let lengths = UnsafeMutablePointer<Int>.allocate(capacity: slots)
    private let found = UnsafeMutablePointer<Found>.allocate(capacity: slots)
    private let keys = UnsafeMutablePointer<UInt8>.allocate(capacity: slots * keyBytes)
    /// Per set, its slot used longer ago (0 or 1): the one a new referrer takes.
    private let older = UnsafeMutablePointer<UInt8>.allocate(capacity: sets)

    init() {
        lengths.initialize(repeating: 0, count: Self.slots)
        hashes.initialize(repeating: 0, count: Self.slots)
        found.initialize(repeating: .nothing, count: Self.slots)
        keys.initialize(repeating: 0, count: Self.slots * Self.keyBytes)
        older.initialize(repeating: 0, count: Self.sets)
    }

    /// Forgets every referrer kept (a slot of length 0 is empty).
    func forget() {
        lengths.update(repeating: 0, count: Self.slots)
    }

    func free() {
        hashes.deallocate()
        lengths.deallocate()
        found.deallocate()
        keys.deallocate()
        older.deallocate()
    }

    @inline(__always)
    private static func set(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 40) & (sets - 1) }

    /// What `referrer` (whose `ByteKeys.wordHash` is `hash`) found when it was last looked up, if it is kept.
    @inline(__always)
    func find(_ referrer: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Found? {
        let set = Self.set(hash)
        for way in 0..<2 {
            let s = 2 * set + way
            guard hashes[s] == hash, lengths[s] == referrer.count, let base = referrer.baseAddress,
                  Self.same(keys + s * Self.keyBytes, base, referrer.count) else { continue }
            older[set] = UInt8(1 - way)
            return found[s]
        }
        return nil
    }

    /// Whether `count` bytes at `a` and `b` are the same: 8 at a time, the last 8 read where they end (overlapping
    /// the word before), in place of a call to `memcmp`.
    @inline(__always)
    private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count >= 8 else { return (0..<count).allSatisfy { a[$0] == b[$0] } }
        @inline(__always) func word(_ p: UnsafePointer<UInt8>, _ at: Int) -> UInt64 { UnsafeRawPointer(p + at).loadUnaligned(as: UInt64.self) }
        var i = 0
        while i + 8 < count {
            if word(a, i) != word(b, i) { return false }
            i += 8
        }
        return word(a, count - 8) == word(b, count - 8)
    }

    func keep(_ referrer: UnsafeBufferPointer<UInt8>, hash: UInt64, found what: Found) {
        guard let base = referrer.baseAddress, referrer.count > 0, referrer.count <= Self.keyBytes else { return }
        let set = Self.set(hash), way = Int(older[set]), s = 2 * set + way
        older[set] = UInt8(1 - way)
        hashes[s] = hash
        lengths[s] = referrer.count
        found[s] = what
        (keys + s * Self.keyBytes).update(from: base, count: referrer.count)
    }
}

extension LogScanner {
    /// What one scanning thread remembers from the buffers it has scanned, for the next one: the referrers it
    /// looked up lately. A thread that scans a file part after part keeps one for all of them, so that a referrer
    /// is looked up in full once per thread rather than once per part. Not shared between threads.
    public final class Memory {
        /// Reached through `referrers(of:)` only, which forgets them for another index.
        private let referrers = RecentReferrers()
        /// The index whose answers it keeps: given to a scanner with another index, it forgets them first.
        private var index: IndicatorIndex?

        public init() {}

        deinit { referrers.free() }

        /// The referrers, as what `index` found for them.
        func referrers(of index: IndicatorIndex) -> RecentReferrers {
            if self.index !== index {
                referrers.forget()
                self.index = index
            }
            return referrers
        }
    }
}
