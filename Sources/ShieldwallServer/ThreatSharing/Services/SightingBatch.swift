import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Many sightings in one community at once, as `shieldwall scan` sends them back: a count per value, with
/// the first and last time the logs give. Every item is checked before anything is written; then, in one
/// transaction, a sighting is made for each value that is an indicator of a report the person may see in
/// that community. The other values come back by name as unknown, whether they are no indicator at all or
/// one the person may not see there: the answer does not tell those apart.
enum SightingBatch {
    static let limit = 1_000

    struct Item: Content {
        var value: String?
        var count: Int?
        var firstSeen: Date?
        var lastSeen: Date?
    }

    struct Outcome: Content {
        var recorded = 0
        var unknown: [String] = []
    }

    static func record(_ items: [Item], in community: Community, source: Sighting.Source, by person: SignedIn, scope: ReportScope,
                       ctx: ActionContext) async throws -> Outcome {
        guard !items.isEmpty else { throw ValidationFailure(field: "sightings", key: "error.required") }
        guard items.count <= limit else { throw ValidationFailure(field: "sightings", key: "error.too-many-indicators", values: ["max": String(limit)]) }
        var problems = ProblemList(), values: [IndicatorValue?] = []
        for (n, item) in items.enumerated() {
            let field = "sightings[\(n)]"
            switch IndicatorValue.normalise(item.value ?? "") {
            case .success(let value): values.append(value)
            case .failure(let problem):
                values.append(nil)
                problems.add("\(field).value", IndicatorMessages.key(problem), ["n": String(n + 1), "value": String((item.value ?? "").prefix(80))])
            }
            if !(1...10_000_000).contains(item.count ?? 1) { problems.add("\(field).count", "error.sighting-count") }
            let last = item.lastSeen ?? ctx.now, first = item.firstSeen ?? last
            if first > last { problems.add("\(field).first_seen", "error.sighting-order") }
            if last > ctx.now.addingTimeInterval(3600) { problems.add("\(field).last_seen", "error.sighting-future") }
        }
        try problems.throwIfAny()
        let communityID = try community.requireID()
        var rows: [IndicatorValue: UUID] = [:]
        for (type, wanted) in Dictionary(grouping: Set(values.compactMap { $0 }), by: \.type) {
            for start in stride(from: 0, to: wanted.count, by: 500) {
                let batch = wanted[start..<min(start + 500, wanted.count)].map(\.value)
                for row in try await Indicator.query(on: ctx.db).filter(\.$type == type).filter(\.$value ~~ batch).all() {
                    rows[row.indicatorValue] = row.id
                }
            }
        }
        // Indicators of reports in this community that the person may see.
        let seen = Set(try await scope.restrict(ReportIndicator.query(on: ctx.db)
            .join(ThreatReport.self, on: \ReportIndicator.$report.$id == \ThreatReport.$id))
            .filter(ThreatReport.self, \.$community.$id == communityID)
            .filter(\.$indicator.$id ~~ Array(rows.values))
            .values(\.$indicator.$id))
        var outcome = Outcome(), sightings: [Sighting] = []
        for (item, value) in zip(items, values) {
            guard let value, let id = rows[value], seen.contains(id) else {
                outcome.unknown.append(item.value ?? "")
                continue
            }
            let sighting = Sighting()
            sighting.$indicator.id = id
            sighting.$community.id = communityID
            sighting.$organisation.id = person.organisationID
            sighting.$person.id = person.personID
            sighting.count = item.count ?? 1
            sighting.lastSeen = item.lastSeen ?? ctx.now
            sighting.firstSeen = item.firstSeen ?? sighting.lastSeen
            sighting.source = source
            sighting.createdAt = ctx.now
            sightings.append(sighting)
        }
        outcome.recorded = sightings.count
        guard !sightings.isEmpty else { return outcome }
        let made = sightings
        try await ctx.db.transaction { db in
            try await made.create(on: db)
            CrashPoint.pass("sightings-stored")
            try await ThreatDataVersion.bump(on: db)
        }
        return outcome
    }
}
