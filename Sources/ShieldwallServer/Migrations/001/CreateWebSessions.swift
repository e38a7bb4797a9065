import Fluent

struct CreateWebSessions: AsyncMigration {
    var name: String { "001_CreateWebSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("web_sessions")
            .id()
            .field("token_digest", .string, .required)
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("stage", .string, .required)
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("user_agent", .string, .required)
            .field("address", .string, .required)
            .unique(on: "token_digest", name: "web_sessions_token_digest_unique")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("web_sessions").delete()
    }
}
