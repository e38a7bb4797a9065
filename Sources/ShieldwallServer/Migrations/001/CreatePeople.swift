import Fluent

struct CreatePeople: AsyncMigration {
    var name: String { "001_CreatePeople" }

    func prepare(on database: any Database) async throws {
        try await database.schema("people")
            .id()
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .restrict))
            .field("organisation_role", .string)
            .field("language", .string, .required)
            .field("is_operator", .bool, .required)
            .field("totp_secret", .string)
            .field("totp_pending_secret", .string)
            .field("totp_last_step", .int64)
            .field("created_at", .datetime, .required)
            .unique(on: "email", name: "people_email_unique")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
    }
}
