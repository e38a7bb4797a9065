import Fluent
import SQLKit

struct CreateAuditEvents: AsyncMigration {
    var name: String { "001_CreateAuditEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("person_id", .uuid)
            .field("email", .string, .required)
            .field("organisation_id", .uuid)
            .field("detail", .string, .required)
            .field("address", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_events_organisation_at").on("audit_events").column("organisation_id").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
