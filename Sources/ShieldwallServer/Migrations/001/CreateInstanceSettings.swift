import Fluent

struct CreateInstanceSettings: AsyncMigration {
    var name: String { "001_CreateInstanceSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("instance_settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("instance_settings").delete()
    }
}
