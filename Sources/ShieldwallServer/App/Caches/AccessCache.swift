import Foundation
import ShieldwallCore
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
    /// A person's communities whose content they may read, with their role (`CommunityStandings.contentRoles`): every
    /// signed-in page needs it for the unread count in the navigation, and most for their content too.
    let contentRoles = VersionedCache<UUID, [UUID: CommunityRole]>(capacity: 10_000)
}

extension Request {
    /// `CommunityStandings.contentRoles` for `person`, kept under the access version (four queries become the one
    /// version read, which the request shares with every other cached decision).
    func contentRoles(of person: SignedIn) async throws -> [UUID: CommunityRole] {
        let db = self.db
        return try await application.accessCache.contentRoles.value(person.personID, stamp: try await dataVersions().access, now: now) {
            try await CommunityStandings.contentRoles(of: person, on: db)
        }
    }
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
