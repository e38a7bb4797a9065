import Fluent
import SQLKit

/// Blocklist and calendar addresses were two tables of the same thing. They become one (`feed_tokens`, with a
/// `purpose`); the calendar rows move over with their digests, so every address people hold keeps working.
/// Tokens are random, so a digest of one table never equals one of the other (the unique index would say so).
struct MergeFeedTokens: AsyncMigration {
    var name: String { "009_MergeFeedTokens" }

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            try await db.schema("feed_tokens").field("purpose", .string, .required, .sql(.default("blocklist"))).update()
            try await sql.raw("""
                INSERT INTO feed_tokens (id, community_id, person_id, token_digest, created_at, purpose)
                SELECT id, community_id, person_id, token_digest, created_at, 'calendar' FROM calendar_tokens
                """).run()
            try await db.schema("calendar_tokens").delete()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            try await db.schema("calendar_tokens")
                .id()
                .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
                .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
                .field("token_digest", .string, .required)
                .field("created_at", .datetime, .required)
                .unique(on: "token_digest", name: "calendar_tokens_digest_unique")
                .create()
            try await sql.raw("""
                INSERT INTO calendar_tokens (id, community_id, person_id, token_digest, created_at)
                SELECT id, community_id, person_id, token_digest, created_at FROM feed_tokens WHERE purpose = 'calendar'
                """).run()
            try await sql.delete(from: "feed_tokens").where("purpose", .equal, "calendar").run()
            try await db.schema("feed_tokens").deleteField("purpose").update()
        }
    }
}
