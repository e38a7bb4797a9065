import Fluent

/// A digest is claimed before it is sent and marked sent after: a claim left by a process that died lapses,
/// and the next run sends the digest (it used to be marked sent when claimed, and lost).
struct AddDigestClaims: AsyncMigration {
    var name: String { "011_AddDigestClaims" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notification_settings").field("digest_claimed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notification_settings").deleteField("digest_claimed_at").update()
    }
}
