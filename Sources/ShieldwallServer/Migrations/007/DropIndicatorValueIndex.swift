import Fluent
import SQLKit

/// Indicators are looked up by type and value, the order of their unique index, so the second index on the
/// value alone only cost every import a random-order insert per new value (about 12 % of a 100,000-indicator
/// import, BENCHMARKS.md).
struct DropIndicatorValueIndex: AsyncMigration {
    var name: String { "007_DropIndicatorValueIndex" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "indicators_value").ifExists().run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "indicators_value").on("indicators").column("value").run()
    }
}
