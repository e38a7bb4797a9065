import Fluent

struct CreateOrganisations: AsyncMigration {
    var name: String { "001_CreateOrganisations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("name", .string, .required)
            .field("staff_count", .int, .required)
            .field("size", .string, .required)
            .field("sector", .string, .required)
            .field("region", .string, .required)
            .field("require_mfa", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").delete()
    }
}
