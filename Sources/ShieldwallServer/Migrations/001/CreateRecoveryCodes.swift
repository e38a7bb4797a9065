import Fluent

struct CreateRecoveryCodes: AsyncMigration {
    var name: String { "001_CreateRecoveryCodes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("recovery_codes")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("code_digest", .string, .required)
            .field("used_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recovery_codes").delete()
    }
}
