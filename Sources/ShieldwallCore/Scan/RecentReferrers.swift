#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The referrers one scanning thread has looked up lately, each with what it found. A web log repeats a few
/// referrers (the shop's own pages, a search engine) on most of its lines; one seen before costs a hash, one
/// probe here and a compare, instead of the URL's exact lookup, a pass over its authority and a lookup per
/// suffix of its host.
///
/// Direct-mapped: a referrer takes the slot its hash picks, in place of what was there. Each slot keeps its
/// referrer whole (up to `keyBytes`; longer ones are not kept) and answers only for the same bytes, so what
/// it says is what the lookup itself would say. Not shared between threads.
///
/// A struct of pointers, not a class: a class's reference was retained and released on every lookup. Whoever
/// makes one calls `free()` when done with it.
struct RecentReferrers {
    static let slots = 1024, keyBytes = 64

    /// What a referrer found: nothing, its whole URL (reported as `referrer`) or its host (as `host`).
    enum Found {
        case nothing, url(Int32), host(Int32)
    }

    private let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: slots)
    /// The referrer's length; 0 for an empty slot (no referrer kept is empty).
    private let lengths = UnsafeMutablePointer<Int>.allocate(capacity: slots)
    private let found = UnsafeMutablePointer<Found>.allocate(capacity: slots)
    private let keys = UnsafeMutablePointer<UInt8>.allocate(capacity: slots * keyBytes)

    init() {
        lengths.initialize(repeating: 0, count: Self.slots)
        hashes.initialize(repeating: 0, count: Self.slots)
        found.initialize(repeating: .nothing, count: Self.slots)
        keys.initialize(repeating: 0, count: Self.slots * Self.keyBytes)
    }

    func free() {
        hashes.deallocate()
        lengths.deallocate()
        found.deallocate()
        keys.deallocate()
    }

    @inline(__always)
    private static func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 40) & (slots - 1) }

    /// What `referrer` (whose `ByteKeys.wordHash` is `hash`) found when it was last looked up, if it is kept.
    @inline(__always)
    func find(_ referrer: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Found? {
        let s = Self.slot(hash)
        guard hashes[s] == hash, lengths[s] == referrer.count, let base = referrer.baseAddress,
              memcmp(keys + s * Self.keyBytes, base, referrer.count) == 0 else { return nil }
        return found[s]
    }

    func keep(_ referrer: UnsafeBufferPointer<UInt8>, hash: UInt64, found what: Found) {
        guard let base = referrer.baseAddress, referrer.count > 0, referrer.count <= Self.keyBytes else { return }
        let s = Self.slot(hash)
        hashes[s] = hash
        lengths[s] = referrer.count
        found[s] = what
        (keys + s * Self.keyBytes).update(from: base, count: referrer.count)
    }
}
