import Fluent

/// A chapter's guided labs for beginners: their steps (an answer kept only as a digest) and who has done which step.
struct CreateLabs: AsyncMigration {
    var name: String { "020_CreateLabs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("labs")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("created_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("lab_steps")
            .id()
            .field("lab_id", .uuid, .required, .references("labs", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("instructions", .string, .required)
            .field("hint", .string, .required)
            .field("answer_salt", .string)
            .field("answer_digest", .string)
            .unique(on: "lab_id", "position", name: "lab_steps_position")
            .create()
        try await database.schema("lab_progress")
            .id()
            .field("lab_id", .uuid, .required, .references("labs", "id", onDelete: .cascade))
            .field("step_id", .uuid, .required, .references("lab_steps", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("done_at", .datetime, .required)
            .unique(on: "step_id", "person_id", name: "lab_progress_step_person")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["lab_progress", "lab_steps", "labs"] { try await database.schema(table).delete() }
    }
}
