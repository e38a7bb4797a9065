import Fluent
import SQLKit

/// Federation (issue #31): an operator may let another instance's reading account push into one community, up to one
/// marking; what it pushed keeps where it came from.
struct AddPeerPushing: AsyncMigration {
    var name: String { "028_AddPeerPushing" }

    func prepare(on database: any Database) async throws {
        // SQLite adds one column at a time.
        let accounts = { database.schema("peer_accounts") }
        try await accounts().field("push_community_id", .uuid, .references("communities", "id", onDelete: .setNull)).update()
        try await accounts().field("push_highest_tlp", .string).update()
        try await accounts().field("push_allowed_by_id", .uuid, .references("people", "id", onDelete: .setNull)).update()
        try await accounts().field("last_push_at", .datetime).update()
        try await accounts().field("objects_pushed", .int, .required, .sql(.default(0))).update()
        try await database.schema("report_pushes")
            .id()
            .field("report_id", .uuid, .required, .references("threat_reports", "id", onDelete: .cascade))
            .field("account_id", .uuid, .required, .references("peer_accounts", "id", onDelete: .cascade))
            .field("collection_id", .string, .required)
            .field("pushed_at", .datetime, .required)
            .unique(on: "report_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "report_pushes_account").on("report_pushes").column("account_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_pushes").delete()
        for field in ["push_community_id", "push_highest_tlp", "push_allowed_by_id", "last_push_at", "objects_pushed"] {
            try await database.schema("peer_accounts").deleteField(.string(field)).update()
        }
    }
}
