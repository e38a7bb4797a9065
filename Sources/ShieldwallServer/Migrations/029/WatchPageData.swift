import Fluent

/// Signed-in pages kept per server (issue #36): a mark every table's writes move, kept by the database (`PageDataMark`).
struct WatchPageData: AsyncMigration {
    var name: String { "029_WatchPageData" }

    func prepare(on database: any Database) async throws {
        try await PageDataMark.install(on: database)
    }

    func revert(on database: any Database) async throws {
        try await PageDataMark.uninstall(on: database)
    }
}
