import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A mark that changes whenever shared threat data changes (a report, an import, a sighting, a confirmation,
/// a retraction, an allowlist entry). It lives in the database, so several app servers agree on it; each
/// change writes a new random value, so concurrent changes can never leave an old value standing.
enum ThreatDataVersion {
    static let key = "threat_data_version"

    static func bump(on db: any Database) async throws {
        let value = UUID().uuidString
        if let row = try await InstanceSetting.find(key, on: db) {
            row.value = value
            try await row.update(on: db)
        } else {
            try await InstanceSetting(key: key, value: value).create(on: db)
        }
    }

    static func current(on db: any Database) async throws -> String {
        try await InstanceSetting.find(key, on: db)?.value ?? "initial"
    }
}

/// Rendered blocklists, kept in memory per server process for at most a minute and only while the threat
/// data version and the holder's access (their scope) are unchanged — so polling every minute costs a few
/// small queries instead of recomputing evidence for every indicator.
actor BlocklistCache {
    struct Entry: Sendable {
        let body: String
        let etag: String
        let made: Date
    }

    static let lifetime: TimeInterval = 60
    static let capacity = 256
    private var entries: [String: Entry] = [:]

    func entry(_ key: String, now: Date) -> Entry? {
        guard let e = entries[key], now.timeIntervalSince(e.made) < Self.lifetime else { return nil }
        return e
    }

    func store(_ key: String, _ entry: Entry) {
        if entries.count >= Self.capacity {
            // Drop the oldest quarter.
            for (k, _) in entries.sorted(by: { $0.value.made < $1.value.made }).prefix(Self.capacity / 4) { entries[k] = nil }
        }
        entries[key] = entry
    }

    /// Everything that decides the content: the data, the holder's access, the community and the filters.
    static func key(version: String, community: UUID, scope: ReportScope, filter: Blocklist.Filter, format: BlocklistFormat) -> String {
        let access = scope.viewer.contentCommunities.map(\.uuidString).sorted().joined(separator: ",") + "|"
            + scope.redReports.map(\.uuidString).sorted().joined(separator: ",") + "|" + (scope.viewer.personID?.uuidString ?? "")
        return [version, community.uuidString, access, filter.types.map(\.rawValue).sorted().joined(separator: ","),
                String(filter.minimumConfidence), format.rawValue].joined(separator: "#")
    }
}

extension Application {
    private struct BlocklistCacheKey: StorageKey { typealias Value = BlocklistCache }

    var blocklistCache: BlocklistCache {
        if let cache = storage[BlocklistCacheKey.self] { return cache }
        let cache = BlocklistCache()
        storage[BlocklistCacheKey.self] = cache
        return cache
    }
}
