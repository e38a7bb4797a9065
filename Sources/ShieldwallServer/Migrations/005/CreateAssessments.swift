import Fluent
import SQLKit

struct CreateAssessments: AsyncMigration {
    var name: String { "005_CreateAssessments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("assessments")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("bank_version", .string, .required)
            .field("status", .string, .required)
            .field("started_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("submitted_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .field("overall", .int)
            .field("area_scores", .string)
            .create()
        try await database.schema("assessment_answers")
            .id()
            .field("assessment_id", .uuid, .required, .references("assessments", "id", onDelete: .cascade))
            .field("question_id", .string, .required)
            .field("option_id", .string, .required)
            .field("answered_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("updated_at", .datetime, .required)
            .unique(on: "assessment_id", "question_id", name: "assessment_answers_unique")
            .create()
        try await database.schema("plan_actions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("recommendation_id", .string, .required)
            .field("title", .string, .required)
            .field("owner_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("due_on", .string)
            .field("status", .string, .required)
            .field("not_applicable_reason", .string)
            .field("notes", .string, .required)
            .field("created_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("done_at", .datetime)
            .create()
        try await database.schema("coach_results")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .cascade))
            .field("checkin_id", .string, .required)
            .field("correct", .int, .required)
            .field("total", .int, .required)
            .field("answers", .string, .required)
            .field("completed_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            for (name, table, column) in [("assessments_organisation", "assessments", "organisation_id"),
                                          ("plan_actions_organisation", "plan_actions", "organisation_id"),
                                          ("coach_results_organisation", "coach_results", "organisation_id")] {
                try await sql.create(index: name).on(table).column(column).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["coach_results", "plan_actions", "assessment_answers", "assessments"] {
            try await database.schema(table).delete()
        }
    }
}
