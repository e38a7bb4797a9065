import Foundation
import Vapor

/// Access decisions kept per server process under the access version (`DataVersions.access`): who an API
/// or feed token belongs to, and a person's report scope. A request reads the version (one small query) and
/// uses an entry only if it was made at that version, so nothing here outlives a revoked token, a member who
/// left, or a charter not yet accepted — on this server or any other.
struct AccessCache: Sendable {
    struct TokenHolder: Sendable {
        let signedIn: SignedIn
        let tokenID: UUID
        let lastUsed: Date?
    }

    /// A blocklist feed token: its holder and the community it is for.
    struct FeedHolder: Sendable {
        let signedIn: SignedIn
        let blocklist: Blocklist.Subject
        let tokenID: UUID
        let lastUsed: Date?
    }

    let apiTokens = VersionedCache<String, TokenHolder>(capacity: 10_000)
    let feedTokens = VersionedCache<String, FeedHolder>(capacity: 10_000)
    let scopes = VersionedCache<UUID, ReportScope>(capacity: 10_000)
}

extension Application {
    private struct AccessCacheKey: StorageKey { typealias Value = AccessCache }

    var accessCache: AccessCache {
        if let cache = storage[AccessCacheKey.self] { return cache }
        let cache = AccessCache()
        storage[AccessCacheKey.self] = cache
        return cache
    }
}
