import Fluent
import SQLKit

/// Courses offered beyond our own modules, who must do which course by when, and what each person did.
struct CreateTraining: AsyncMigration {
    var name: String { "016_CreateTraining" }

    func prepare(on database: any Database) async throws {
        try await database.schema("training_courses")
            .id()
            .field("community_id", .uuid, .references("communities", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("provider", .string, .required)
            .field("minutes", .int, .required)
            .field("versions", .string, .required)
            .field("author_id", .uuid, .required, .references("people", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("training_assignments")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("course_key", .string, .required)
            .field("person_id", .uuid, .references("people", "id", onDelete: .cascade))
            .field("due_on", .string, .required)
            .field("assigned_on", .string, .required)
            .field("assigned_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("training_records")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .setNull))
            .field("course_key", .string, .required)
            .field("kind", .string, .required)
            .field("language", .string, .required)
            .field("module_version", .int)
            .field("correct", .int)
            .field("total", .int)
            .field("passed", .bool, .required)
            .field("completed_on", .string, .required)
            .field("answers", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("training_reminders")
            .id()
            .field("assignment_id", .uuid, .required, .references("training_assignments", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("sent_at", .datetime, .required)
            .create()
        try await database.schema("training_sessions")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("event_id", .uuid, .required, .references("community_events", "id", onDelete: .cascade))
            .field("course_key", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "event_id", name: "training_sessions_event")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX training_assignments_firm ON training_assignments (organisation_id, course_key)").run()
            try await sql.raw("CREATE INDEX training_records_person ON training_records (person_id, course_key)").run()
            try await sql.raw("CREATE INDEX training_records_firm ON training_records (organisation_id)").run()
            try await sql.raw("CREATE INDEX training_courses_community ON training_courses (community_id)").run()
            try await sql.raw("CREATE INDEX training_reminders_assignment ON training_reminders (assignment_id, person_id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["training_sessions", "training_reminders", "training_records", "training_assignments", "training_courses"] {
            try await database.schema(table).delete()
        }
    }
}
