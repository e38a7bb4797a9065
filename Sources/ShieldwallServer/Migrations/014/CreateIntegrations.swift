import Fluent
import SQLKit

/// A firm's integration keys and the alerts its tools send with them.
struct CreateIntegrations: AsyncMigration {
    var name: String { "014_CreateIntegrations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("integration_keys")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_digest", .string, .required)
            .field("visible_prefix", .string, .required)
            .field("scopes", .string, .required)
            .field("created_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest", name: "integration_keys_token")
            .create()
        try await database.schema("firm_alerts")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("key_id", .uuid, .references("integration_keys", "id", onDelete: .setNull))
            .field("source", .string, .required)
            .field("kind", .string, .required)
            .field("severity", .string, .required)
            .field("host", .string, .required)
            .field("addresses", .string, .required)
            .field("summary", .string, .required)
            .field("first_at", .datetime, .required)
            .field("last_at", .datetime, .required)
            .field("count", .int, .required)
            .field("received_at", .datetime, .required)
            .create()
        // The firm's alerts newest first, and folding into recent ones, read by firm and time.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX firm_alerts_by_firm_time ON firm_alerts (organisation_id, last_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("firm_alerts").delete()
        try await database.schema("integration_keys").delete()
    }
}
