import Fluent
import Foundation
import SQLKit

/// What the operator sees of firms' integrations: how many firms have a live key, how many alerts came in this week
/// and how many devices are reported; never an alert, a device or a firm's name. One query for the three.
struct IntegrationOperatorFigures: OperatorFigureSource {
    func figures(on db: any Database, now: Date) async throws -> [OperatorFigure] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let since = now.addingTimeInterval(-7 * 86_400)
        let row = try await sql.raw("""
            SELECT (SELECT COUNT(DISTINCT organisation_id) FROM integration_keys WHERE revoked_at IS NULL) AS firms,
                   (SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM firm_alerts WHERE last_at >= \(bind: since)) AS alerts,
                   (SELECT COUNT(*) FROM firm_devices) AS devices
            """).first()
        func figure(_ column: String) throws -> Int { try row?.decode(column: column, as: Int.self) ?? 0 }
        return [
            OperatorFigure(count: try figure("firms"), key: "operator.figure.connected-firms"),
            OperatorFigure(count: try figure("alerts"), key: "operator.figure.alerts-week"),
            OperatorFigure(count: try figure("devices"), key: "operator.figure.devices"),
        ]
    }
}
