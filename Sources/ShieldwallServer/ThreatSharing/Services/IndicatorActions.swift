import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Sightings, expert confirmations and retractions. Each checks that the person may see the indicator in
/// that community (through `ReportScope`) and may take part there.
enum IndicatorActions {
    struct SightingInput: Sendable {
        var community: UUID?
        var count: Int?
        var firstSeen: Date?
        var lastSeen: Date?
        var source: Sighting.Source = .web
    }

    /// The communities in which this person may act on this indicator: it is in a report they can see
    /// there, and they take part there.
    static func communities(of indicatorID: UUID, scope: ReportScope, on db: any Database) async throws -> Set<UUID> {
        let links = try await scope.restrict(ReportIndicator.query(on: db)
            .join(ThreatReport.self, on: \ReportIndicator.$report.$id == \ThreatReport.$id))
            .filter(\.$indicator.$id == indicatorID).all()
        return Set(try links.map { try $0.joined(ThreatReport.self).$community.id }).intersection(scope.viewer.contentCommunities)
    }

    static func sight(_ indicatorID: UUID, _ input: SightingInput, by person: SignedIn, scope: ReportScope, ctx: ActionContext) async throws -> Sighting {
        var problems = ProblemList()
        let allowed = try await communities(of: indicatorID, scope: scope, on: ctx.db)
        guard let community = input.community, allowed.contains(community) else {
            throw ValidationFailure(field: "community", key: "error.sighting-community")
        }
        let count = input.count ?? 1
        if !(1...10_000_000).contains(count) { problems.add("count", "error.sighting-count") }
        let last = input.lastSeen ?? ctx.now, first = input.firstSeen ?? last
        if first > last { problems.add("first_seen", "error.sighting-order") }
        if last > ctx.now.addingTimeInterval(3600) { problems.add("last_seen", "error.sighting-future") }
        try problems.throwIfAny()
        if let archived = try await Community.find(community, on: ctx.db), archived.status == .archived {
            throw ValidationFailure(field: "community", key: "error.community-archived")
        }
        let sighting = Sighting()
        sighting.$indicator.id = indicatorID
        sighting.$community.id = community
        sighting.$organisation.id = person.organisationID
        sighting.$person.id = person.personID
        sighting.count = count
        sighting.firstSeen = first
        sighting.lastSeen = last
        sighting.source = input.source
        sighting.createdAt = ctx.now
        try await sighting.create(on: ctx.db)
        try await ThreatDataVersion.bump(on: ctx.db)
        return sighting
    }

    /// An expert (or the facilitator) vouches for the indicator in one of their communities.
    static func confirm(_ indicatorID: UUID, community: UUID?, by person: SignedIn, scope: ReportScope, ctx: ActionContext) async throws {
        let allowed = try await communities(of: indicatorID, scope: scope, on: ctx.db).filter { scope.isExpertOrFacilitator(in: $0) }
        guard let community = community ?? allowed.first, allowed.contains(community) else {
            throw Refusal(.forbidden, "indicator.error.confirm-who")
        }
        if try await IndicatorConfirmation.query(on: ctx.db).filter(\.$indicator.$id == indicatorID).filter(\.$community.$id == community)
            .filter(\.$person.$id == person.personID).first() == nil {
            try await IndicatorConfirmation(indicatorID: indicatorID, communityID: community, personID: person.personID, createdAt: ctx.now)
                .create(on: ctx.db)
            try await ThreatDataVersion.bump(on: ctx.db)
        }
    }

    /// A false positive: out of every blocklist at once, kept in history with who and why.
    static func retract(_ indicatorID: UUID, reason: String?, by person: SignedIn, scope: ReportScope, ctx: ActionContext) async throws {
        let allowed = try await communities(of: indicatorID, scope: scope, on: ctx.db).filter { scope.isExpertOrFacilitator(in: $0) }
        guard !allowed.isEmpty else { throw Refusal(.forbidden, "indicator.error.retract-who") }
        var problems = ProblemList()
        let text = problems.text("reason", reason, maxLength: 1_000)
        try problems.throwIfAny()
        try await Indicator.query(on: ctx.db).filter(\.$id == indicatorID).set(\.$retractedAt, to: ctx.now)
            .set(\.$retractedBy.$id, to: person.personID).set(\.$retractionReason, to: text).update()
        try await ThreatDataVersion.bump(on: ctx.db)
    }
}
