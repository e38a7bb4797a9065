import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's KPIs (its people), the month's values (its admin) and the CSV.
struct FirmKPIsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.organisationKPIs, use: show)
        routes.post(SiteURL.organisationKPIs, use: enter)
        routes.get(SiteURL.organisationKPIsCSV, use: csv)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await KPIActions.firm(req, person: person, need: .see)
        return KPIView.firm(try await req.pageContext(), try await FirmKPIsPage.build(firm, viewer: person, on: req.db, now: req.now))
    }

    @Sendable func enter(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await KPIActions.firm(req, person: person, need: .enter)
        var form = try req.content.decode([String: String].self)
        let month = form.removeValue(forKey: "month") ?? ""
        form.removeValue(forKey: Forms.csrfField)
        let values = Dictionary(uniqueKeysWithValues: form.compactMap { key, value in key.hasPrefix("value-") ? (String(key.dropFirst(6)), value) : nil })
        do {
            _ = try await KPIActions.enter(month: month, values: values, firm: try firm.requireID(), by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.organisationKPIs(try firm.requireID()).path, flash: "flash.kpi-saved")
        } catch let failure as ValidationFailure {
            var page = try await FirmKPIsPage.build(firm, viewer: person, on: req.db, now: req.now)
            page.month = month
            page.typed = values
            page.errors = failure.messages(req.localiser)
            return KPIView.firm(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await KPIActions.firm(req, person: person, need: .see)
        let page = try await FirmKPIsPage.build(firm, viewer: person, on: req.db, now: req.now)
        return CSVFile.response(page.csv(), filename: "kpis-\(KPIMonth.of(req.now)).csv")
    }
}
