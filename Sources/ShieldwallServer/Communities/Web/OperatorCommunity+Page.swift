import Fluent
import Foundation
import ShieldwallCore

/// The operator's list of every community: requests to decide, and for the others figures (never content),
/// who could take over as facilitator, and the hard cap.
struct OperatorCommunitiesPage: Sendable {
    struct Row: Sendable {
        let card: CommunityCard
        let requestedBy: String
        let figures: CommunityHealth?
        let candidates: [(id: UUID, name: String)]
        let hardCap: Int?
    }

    let pending: [Row]
    let others: [Row]

    static func build(on db: any Database, now: Date) async throws -> OperatorCommunitiesPage {
        var rows: [Row] = []
        for c in try await Community.query(on: db).with(\.$requestedBy).sort(\.$name).all() {
            let active = c.status == .active || c.status == .setup || c.status == .archived
            var candidates: [(id: UUID, name: String)] = []
            if active {
                let ids = try await CommunityStandings.participantIDs(of: c.requireID(), on: db)
                candidates = try await Person.query(on: db).filter(\.$id ~~ Array(ids)).sort(\.$displayName).all()
                    .map { (try $0.requireID(), $0.displayName) }
            }
            rows.append(Row(card: try CommunityCard(c), requestedBy: c.requestedBy?.displayName ?? "—",
                            figures: active ? try await HealthReport.figures(for: c, on: db, now: now) : nil,
                            candidates: candidates, hardCap: c.hardCap))
        }
        return OperatorCommunitiesPage(pending: rows.filter { $0.card.status == .requested },
                                       others: rows.filter { $0.card.status != .requested && $0.card.status != .declined })
    }
}
