import Fluent

/// Calls for help and their timelines.
struct CreateHelpRequests: AsyncMigration {
    var name: String { "010_CreateHelpRequests" }

    func prepare(on database: any Database) async throws {
        try await database.schema("help_requests")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("raised_by_id", .uuid, .required, .references("people", "id"))
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("description", .string, .required)
            .field("affected", .string, .required)
            .field("contact", .string, .required)
            .field("tlp", .string, .required)
            .field("status", .string, .required)
            .field("taken_by_id", .uuid, .references("people", "id"))
            .field("first_response_at", .datetime)
            .field("resolved_at", .datetime)
            .field("playbook", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("help_events")
            .id()
            .field("request_id", .uuid, .required, .references("help_requests", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("help_events").delete()
        try await database.schema("help_requests").delete()
    }
}
