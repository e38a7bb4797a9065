import Fluent

/// Threat reports and their comments can be edited; the words before each edit are kept.
struct CreateReportRevisions: AsyncMigration {
    var name: String { "006_CreateReportRevisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("report_revisions")
            .id()
            .field("report_id", .uuid, .required, .references("threat_reports", "id", onDelete: .cascade))
            .field("editor_id", .uuid, .required, .references("people", "id"))
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("narrative", .string, .required)
            .field("what_happened", .string, .required)
            .field("impact", .string, .required)
            .field("what_helped", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("report_comments").field("edited_at", .datetime).update()
        try await database.schema("comment_revisions")
            .id()
            .field("comment_id", .uuid, .required, .references("report_comments", "id", onDelete: .cascade))
            .field("editor_id", .uuid, .required, .references("people", "id"))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("comment_revisions").delete()
        try await database.schema("report_comments").deleteField("edited_at").update()
        try await database.schema("report_revisions").delete()
    }
}
