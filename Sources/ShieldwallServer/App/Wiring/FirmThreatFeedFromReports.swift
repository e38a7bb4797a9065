import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Integrations' bouncer feed, answered by ThreatSharing: each active community the firm takes part in, its blocklist
/// as a member firm sees it (`Blocklist.build`, the holder's own feed: no TLP:RED), network addresses only.
struct FirmThreatFeedFromReports: FirmThreatFeed {
    static let networkTypes: Set<IndicatorType> = [.ipv4, .ipv6, .cidr]

    /// Bouncers pull every few seconds: one build per firm while the data, access and minute stay the same (as the
    /// blocklist download).
    func communityBlocks(firm: UUID, now: Date, app: Application, on db: any Database) async throws -> [CommunityBlock] {
        let stamp = ThreatCaches.stamp(try await DataVersions.read(on: db))
        return try await app.firmFeeds.value(firm, stamp: stamp, now: now) { try await build(firm: firm, now: now, app: app, on: db) }
    }

    private func build(firm: UUID, now: Date, app: Application, on db: any Database) async throws -> [CommunityBlock] {
        let communities = try await CommunityStandings.activeCommunities(ofFirm: firm, on: db)
        // The firm as a holder: what any of its people who took part may see there, without anyone's TLP:RED reports.
        let scope = ReportScope(viewer: ReportViewer(personID: UUID(), organisationID: firm, contentCommunities: Set(communities.compactMap(\.id))),
                                redReports: [], roles: [:])
        var out: [CommunityBlock] = []
        for community in communities {
            let result = try await Blocklist.build(try Blocklist.Subject(community), scope: scope, filter: Blocklist.Filter(types: Self.networkTypes),
                                                   now: now, app: app, on: db)
            out += result.entries.map { CommunityBlock(entry: $0, community: community.slug) }
        }
        return out
    }

    func allowlist(firm: UUID, on db: any Database) async throws -> WarningList {
        try await IndicatorFacts.allowlist(of: [firm], reason: "The firm's own", on: db)
    }
}

extension Application {
    private struct FirmFeedsKey: StorageKey { typealias Value = VersionedCache<UUID, [CommunityBlock]> }

    /// Each firm's community blocks, per server process.
    var firmFeeds: VersionedCache<UUID, [CommunityBlock]> {
        if let cache = storage[FirmFeedsKey.self] { return cache }
        let cache = VersionedCache<UUID, [CommunityBlock]>(lifetime: ThreatCaches.lifetime, capacity: 1_024)
        storage[FirmFeedsKey.self] = cache
        return cache
    }
}
