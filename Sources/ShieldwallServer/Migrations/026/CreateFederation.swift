import Fluent
import SQLKit

/// Federation (issue #31): the instances this one pulls from, with their cursors and health; the reading accounts
/// other instances pull with, and the communities that let them read their TLP:AMBER; where each pulled report
/// came from. Reports also keep when their current version arrived here (TAXII `date_added`).
struct CreateFederation: AsyncMigration {
    var name: String { "026_CreateFederation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("threat_reports").field("added_at", .datetime).update()
        try await database.schema("federation_peers")
            .id()
            .field("name", .string, .required)
            .field("api_root", .string, .required)
            .field("username", .string)
            .field("secret_sealed", .string)
            .field("collections", .string, .required)
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("highest_tlp", .string, .required)
            .field("amber_agreed_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("amber_agreed_at", .datetime)
            .field("reshare", .bool, .required)
            .field("interval_minutes", .int, .required)
            .field("paused", .bool, .required)
            .field("created_by_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("next_pull_at", .datetime, .required)
            .field("claimed_at", .datetime)
            .field("last_attempt_at", .datetime)
            .field("last_success_at", .datetime)
            .field("last_error", .string)
            .field("failures", .int, .required)
            .field("objects_pulled", .int, .required)
            .field("last_objects", .int, .required)
            .field("last_withheld", .int, .required)
            .unique(on: "name")
            .create()
        try await database.schema("federation_cursors")
            .id()
            .field("peer_id", .uuid, .required, .references("federation_peers", "id", onDelete: .cascade))
            .field("collection_id", .string, .required)
            .field("added_after", .datetime)
            .unique(on: "peer_id", "collection_id")
            .create()
        try await database.schema("report_origins")
            .id()
            .field("report_id", .uuid, .required, .references("threat_reports", "id", onDelete: .cascade))
            .field("peer_id", .uuid, .required, .references("federation_peers", "id", onDelete: .cascade))
            .field("collection_id", .string, .required)
            .field("pulled_at", .datetime, .required)
            .unique(on: "report_id")
            .create()
        try await database.schema("peer_accounts")
            .id()
            .field("name", .string, .required)
            .field("token_digest", .string, .required)
            .field("visible_prefix", .string, .required)
            .field("created_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest")
            .create()
        try await database.schema("peer_account_shares")
            .id()
            .field("account_id", .uuid, .required, .references("peer_accounts", "id", onDelete: .cascade))
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("agreed_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("agreed_at", .datetime, .required)
            .unique(on: "account_id", "community_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "report_origins_peer").on("report_origins").column("peer_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["peer_account_shares", "peer_accounts", "report_origins", "federation_cursors", "federation_peers"] {
            try await database.schema(table).delete()
        }
        try await database.schema("threat_reports").deleteField("added_at").update()
    }
}
