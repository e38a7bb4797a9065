import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator's KPI page: counts per community.
struct OperatorKPIsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.operatorKPIs, use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        _ = try OperatorController.requireOperator(req)
        return OperatorKPIsView.page(try await req.pageContext(), try await OperatorKPIsPage.build(on: req.db, now: req.now))
    }
}
