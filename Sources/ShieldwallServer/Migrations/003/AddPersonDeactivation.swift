import Fluent

/// People who left their firm are deactivated, not deleted: the security log keeps naming them.
struct AddPersonDeactivation: AsyncMigration {
    var name: String { "003_AddPersonDeactivation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("people").field("deactivated_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").deleteField("deactivated_at").update()
    }
}
