import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// KPIs with a personal token: a firm's values (its people) and the month's entry (its admin); a community's agreed
/// set and its figures, medians and middle halves only from k firms (its people, the operator).
struct MetricsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.organisationKPIs, use: firm)
        routes.post(APIURL.organisationKPIs, use: enter)
        routes.get(APIURL.communityKPIs, use: community)
    }

    struct MonthValue: Content {
        let month: String
        let value: Double
    }

    struct FirmKPI: Content {
        let id: String
        let title: String
        let unit: String
        let source: String
        let target: Double?
        let values: [MonthValue]
    }

    struct FirmKPIs: Content {
        let months: [String]
        let kpis: [FirmKPI]
    }

    @Sendable func firm(req: Request) async throws -> FirmKPIs {
        let person = try req.requireAPIPerson()
        let org = try await KPIActions.firm(req, person: person, need: .see)
        let page = try await FirmKPIsPage.build(org, viewer: person, on: req.db, now: req.now)
        return FirmKPIs(months: page.months, kpis: page.rows.map { row in
            FirmKPI(id: row.kpi.id, title: row.kpi.title, unit: row.kpi.unit.rawValue, source: row.kpi.source.rawValue, target: row.target,
                    values: zip(page.months, row.values).compactMap { m, v in v.map { MonthValue(month: m, value: $0) } })
        })
    }

    struct Entry: Content {
        let month: String
        /// KPI id → value (a number; yes/no for yes-no KPIs).
        let values: [String: String]
    }

    struct Saved: Content { let saved: Int }

    @Sendable func enter(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let org = try await KPIActions.firm(req, person: person, need: .enter)
        let entry = try req.content.decode(Entry.self)
        let saved = try await KPIActions.enter(month: entry.month, values: entry.values, firm: try org.requireID(), by: person, ctx: ActionContext(req))
        return try await Saved(saved: saved).encodeResponse(status: .created, for: req)
    }

    struct Aggregate: Content {
        let month: String
        let firms: Int
        let median: Double
        let lower: Double
        let upper: Double
    }

    struct CommunityKPI: Content {
        let id: String
        let title: String
        let target: Double?
        /// Months with at least k firms only.
        let months: [Aggregate]
    }

    struct CommunityKPIs: Content {
        let k: Int
        let firms: Int
        let agreed: Bool
        let kpis: [CommunityKPI]
    }

    @Sendable func community(req: Request) async throws -> CommunityKPIs {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        guard MetricsAccess.canSeeCommunity(standing) else { throw Refusal(.notFound, "error.community-not-found") }
        let page = try await CommunityKPIsPage.build(community, standing: standing, viewer: person, k: try await req.instanceSettings().benchmarkMinimumFirms,
                                                     on: req.db, now: req.now)
        return CommunityKPIs(k: page.k, firms: page.firms, agreed: !page.agreed.isEmpty, kpis: page.figures.map { f in
            CommunityKPI(id: f.kpi.id, title: f.kpi.title, target: f.target, months: zip(page.months, f.aggregates).compactMap { m, a in
                a.map { Aggregate(month: m, firms: $0.firms, median: $0.median, lower: $0.lower, upper: $0.upper) }
            })
        })
    }
}
