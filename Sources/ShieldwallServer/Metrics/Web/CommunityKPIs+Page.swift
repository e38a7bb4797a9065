import Fluent
import Foundation
import ShieldwallCore

/// A community's KPIs: the set it agreed (part of its plan), the proposal being discussed with votes and comments, and
/// each KPI over its firms — median and middle half, only from k firms. The operator sees the figures, not the talk.
struct CommunityKPIsPage: Sendable {
    struct Item: Sendable {
        let kpi: KPIDefinition
        let target: Double
    }

    struct Response: Sendable {
        let name: String
        let vote: KPISetResponse.Vote
        let comment: String
        let at: Date
    }

    struct Proposal: Sendable {
        let id: UUID
        let items: [Item]
        let note: String
        let by: String
        let at: Date
        let responses: [Response]
        let myVote: KPISetResponse.Vote?

        func count(_ vote: KPISetResponse.Vote) -> Int { responses.filter { $0.vote == vote }.count }
    }

    struct Figures: Sendable {
        let kpi: KPIDefinition
        let target: Double?
        /// One per month; nil when fewer than k firms have a value.
        let aggregates: [KPIAggregate?]
    }

    let community: (name: String, slug: String)
    let agreed: [Item]
    let agreedAt: Date?
    let proposal: Proposal?
    let figures: [Figures]
    let months: [String]
    let k: Int
    let firms: Int
    let seesTalk: Bool
    let canRespond: Bool
    let canPropose: Bool
    var errors: [String: String] = [:]

    static func build(_ community: Community, standing: CommunityStanding, viewer: SignedIn, k: Int, on db: any Database, now: Date) async throws -> CommunityKPIsPage {
        let id = try community.requireID()
        let library = try MetricsContent.library(viewer.language)
        func items(_ set: KPISet) throws -> [Item] { try set.items().compactMap { i in library.kpi(i.kpi).map { Item(kpi: $0, target: i.target) } } }
        let agreedSet = try await KPIMeasurer.agreedSets(of: [id], on: db)[id]
        let agreed = try agreedSet.map(items) ?? []
        let seesTalk = CommunityAccess.canSeeContent(standing)
        var proposal: Proposal?
        if seesTalk, let open = try await KPISet.query(on: db).filter(\.$community.$id == id).filter(\.$status == .proposed).with(\.$proposedBy).first() {
            let rows = try await KPISetResponse.query(on: db).filter(\.$set.$id == open.requireID()).with(\.$person).sort(\.$createdAt).all()
            proposal = Proposal(id: try open.requireID(), items: try items(open), note: open.note, by: open.proposedBy?.displayName ?? "—", at: open.createdAt,
                                responses: rows.map { Response(name: $0.person.displayName, vote: $0.vote, comment: $0.comment, at: $0.createdAt) },
                                myVote: rows.first { $0.$person.id == viewer.personID }?.vote)
        }
        let firms = Array(try await CommunityStandings.firms(takingPartIn: [id], on: db))
        let months = KPIMonth.months(endingWith: KPIMonth.of(now), count: FirmKPIsPage.months)
        let values = try await KPIMeasurer.values(firms: firms, months: months, now: now, on: db)
        let shown = agreed.isEmpty ? library.kpis.map { ($0, Optional<Double>.none) } : agreed.map { ($0.kpi, Optional($0.target)) }
        let figures = shown.map { kpi, target in
            Figures(kpi: kpi, target: target, aggregates: months.map { m in KPIAggregate.of(firms.compactMap { values[$0]?[kpi.id]?[m] }, k: k) })
        }
        return CommunityKPIsPage(community: (community.name, community.slug), agreed: agreed, agreedAt: agreedSet?.decidedAt, proposal: proposal,
                                 figures: figures, months: months, k: max(k, KPIAggregate.smallestK), firms: firms.count, seesTalk: seesTalk,
                                 canRespond: MetricsAccess.canRespond(standing), canPropose: MetricsAccess.canPropose(standing))
    }
}
