import Fluent
import Foundation
import ShieldwallCore

/// What the operator sees of firms' integrations: how many firms have a live key, how many alerts came in this week
/// and how many devices are reported; never an alert, a device or a firm's name.
struct IntegrationOperatorFigures: OperatorFigureSource {
    func figures(on db: any Database, now: Date) async throws -> [OperatorFigure] {
        let keys = try await IntegrationKey.query(on: db).filter(\.$revokedAt == nil).all()
        let alerts = try await FirmAlert.query(on: db).filter(\.$lastAt >= now.addingTimeInterval(-7 * 86_400)).sum(\.$count) ?? 0
        return [
            OperatorFigure(count: Set(keys.map(\.$organisation.id)).count, key: "operator.figure.connected-firms"),
            OperatorFigure(count: alerts, key: "operator.figure.alerts-week"),
            OperatorFigure(count: try await FirmDevice.query(on: db).count(), key: "operator.figure.devices"),
        ]
    }
}
