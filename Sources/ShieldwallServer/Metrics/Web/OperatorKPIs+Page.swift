import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator's view of KPIs across the instance: per community, how many firms take part, whether a set is agreed and
/// how many firms gave any value last month — counts only; each community's page shows its k-anonymous figures.
struct OperatorKPIsPage: Sendable {
    struct Row: Sendable {
        let name: String
        let slug: String
        let firms: Int
        let agreedKPIs: Int
        let reporting: Int
    }

    let month: String
    let rows: [Row]

    static func build(on db: any Database, now: Date) async throws -> OperatorKPIsPage {
        let communities = try await Community.query(on: db).filter(\.$status == .active).sort(\.$name).all()
        let ids = communities.compactMap(\.id)
        let membership = try await CommunityOrganisation.query(on: db).filter(\.$community.$id ~~ ids).filter(\.$status == .active).all()
        let month = KPIMonth.months(endingWith: KPIMonth.of(now), count: 2).first ?? KPIMonth.of(now)
        let firms = Array(Set(membership.map(\.$organisation.id)))
        let values = try await KPIMeasurer.values(firms: firms, months: [month], now: now, on: db)
        let sets = try await KPIMeasurer.agreedSets(of: ids, on: db)
        return OperatorKPIsPage(month: month, rows: try communities.compactMap { c in
            guard let id = c.id else { return nil }
            let theirs = membership.filter { $0.$community.id == id }.map(\.$organisation.id)
            return Row(name: c.name, slug: c.slug, firms: theirs.count, agreedKPIs: try sets[id]?.items().count ?? 0,
                       reporting: theirs.filter { values[$0]?.values.contains { $0[month] != nil } ?? false }.count)
        })
    }
}
