import Fluent

/// Signed-in pages kept per server (issue #36): a mark every table's writes move, kept by the database (`PageDataTriggers`).
struct WatchPageData: AsyncMigration {
    var name: String { "029_WatchPageData" }

    func prepare(on database: any Database) async throws {
        try await PageDataTriggers.install(on: database)
    }

    func revert(on database: any Database) async throws {
        try await PageDataTriggers.uninstall(on: database)
    }
}
