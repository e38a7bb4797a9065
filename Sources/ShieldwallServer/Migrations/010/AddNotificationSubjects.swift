import Fluent
import SQLKit

/// Notifications about things other parts keep (a plan version, a call for help, a threat report) point to
/// them; each person chooses which new threat reports they hear of (all, by default).
struct AddNotificationSubjects: AsyncMigration {
    var name: String { "010_AddNotificationSubjects" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notifications").field("subject_id", .uuid).update()
        try await database.schema("notification_settings")
            .field("reports", .string, .required, .sql(.default(SQLLiteral.string("all"))))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notification_settings").deleteField("reports").update()
        try await database.schema("notifications").deleteField("subject_id").update()
    }
}
