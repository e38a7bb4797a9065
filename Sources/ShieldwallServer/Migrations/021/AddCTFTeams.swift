import Fluent

/// Capture-the-flag players may name a team; teammates score together.
struct AddCTFTeams: AsyncMigration {
    var name: String { "021_AddCTFTeams" }

    func prepare(on database: any Database) async throws {
        try await database.schema("ctf_players").field("team", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ctf_players").deleteField("team").update()
    }
}
