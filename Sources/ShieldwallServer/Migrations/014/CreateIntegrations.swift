import Fluent
import SQLKit

/// A firm's integration keys, the alerts its tools send with them, the addresses it blocks and what each bouncer was sent.
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
        try await database.schema("firm_blocks")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("value", .string, .required)
            .field("type", .string, .required)
            .field("reason", .string, .required)
            .field("created_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "organisation_id", "value", name: "firm_blocks_value")
            .create()
        try await database.schema("bouncer_states")
            .id()
            .field("key_id", .uuid, .required, .references("integration_keys", "id", onDelete: .cascade))
            .field("delivered", .string, .required)
            .field("delivered_digest", .string, .required)
            .field("pulled_at", .datetime, .required)
            .unique(on: "key_id", name: "bouncer_states_key")
            .create()
        // The firm's alerts newest first, and folding into recent ones, read by firm and time.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX firm_alerts_by_firm_time ON firm_alerts (organisation_id, last_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bouncer_states").delete()
        try await database.schema("firm_blocks").delete()
        try await database.schema("firm_alerts").delete()
        try await database.schema("integration_keys").delete()
    }
}
