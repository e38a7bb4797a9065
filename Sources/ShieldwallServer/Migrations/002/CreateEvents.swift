import Fluent

struct CreateEvents: AsyncMigration {
    var name: String { "002_CreateEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("community_events")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("time_zone", .string, .required)
            .field("location", .string, .required)
            .field("capacity", .int)
            .field("series_id", .uuid)
            .field("cancelled", .bool, .required)
            .field("attendance_taken", .bool, .required)
            .field("created_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("event_responses")
            .id()
            .field("event_id", .uuid, .required, .references("community_events", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("answer", .string, .required)
            .field("attended", .bool)
            .field("updated_at", .datetime, .required)
            .unique(on: "event_id", "person_id", name: "event_responses_unique")
            .create()
        try await database.schema("calendar_tokens")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_digest", name: "calendar_tokens_digest_unique")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["calendar_tokens", "event_responses", "community_events"] {
            try await database.schema(table).delete()
        }
    }
}
