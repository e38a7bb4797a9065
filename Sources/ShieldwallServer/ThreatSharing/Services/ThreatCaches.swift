import Foundation
import NIOCore
import Vapor

/// What threat sharing keeps in memory per server process, under both version marks (`DataVersions`): the
/// data and the holder's access must be unchanged, and entries live at most a minute (confidence and expiry
/// move with time). Polling a blocklist every minute, or looking the same addresses up again, then costs one
/// small query instead of recomputing evidence.
struct ThreatCaches: Sendable {
    /// A rendered blocklist download: its bytes (shared by every answer, never copied) and their ETag.
    struct Blocklist: Sendable {
        let body: ByteBuffer
        let etag: String
    }

    static let lifetime: TimeInterval = 60

    let blocklists = VersionedCache<String, Blocklist>(lifetime: lifetime, capacity: 256)
    /// Lookup answers by viewer and normalised value (about a kilobyte each).
    let lookups = VersionedCache<String, ThreatAPI.LookupAnswer>(lifetime: lifetime, capacity: 20_000)
    /// TAXII collection indexes by collection and holder (about 40 bytes an object; the objects are made per
    /// page). Nothing in an index moves with time, so it lives while a client pages through a large collection.
    let taxii = VersionedCache<String, TaxiiIndex>(lifetime: 15 * 60, capacity: 4)

    static func stamp(_ versions: DataVersions) -> String { versions.threat + "|" + versions.access }
}

extension Application {
    private struct ThreatCachesKey: StorageKey { typealias Value = ThreatCaches }

    var threatCaches: ThreatCaches {
        if let caches = storage[ThreatCachesKey.self] { return caches }
        let caches = ThreatCaches()
        storage[ThreatCachesKey.self] = caches
        return caches
    }
}
