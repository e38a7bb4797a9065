import Fluent
import SQLKit

/// Bundles too large to import while the client waits (issue #32): kept until a background job has imported
/// them, their progress told by the TAXII status with the same id.
struct CreateStixImportJobs: AsyncMigration {
    var name: String { "023_CreateStixImportJobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("stix_import_jobs")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .setNull))
            .field("bundle", .data, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("claimed_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "stix_import_jobs_state").on("stix_import_jobs").column("state").column("created_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stix_import_jobs").delete()
    }
}
