import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// An indicator's page: its facts and correlations counted over what the viewer may see, the reports that
/// name it, and where the viewer can sight, confirm or retract it.
struct IndicatorPage: Sendable {
    struct ActingCommunity: Sendable {
        let id: UUID
        let name: String
        /// The viewer is an expert or the facilitator there, and can confirm or retract.
        let isExpert: Bool
    }

    let summary: IndicatorSummary
    let warning: String?
    let reports: [(row: ReportRow, community: String)]
    /// Communities where the viewer can act on it.
    let communities: [ActingCommunity]
    let retractedBy: String?
    var errors: [String: String] = [:]

    static func build(_ summary: IndicatorSummary, scope: ReportScope, app: Application, on db: any Database) async throws -> IndicatorPage {
        let reports = try await scope.reports(on: db).filter(\.$id ~~ Array(summary.reportIDs)).sort(\.$createdAt, .descending)
            .with(\.$author).with(\.$organisation).with(\.$community).all()
        let communities = try await IndicatorActions.communities(of: summary.id, scope: scope, on: db)
        let named = try await Community.query(on: db).filter(\.$id ~~ Array(communities)).sort(\.$name).all()
            .map { c in ActingCommunity(id: try c.requireID(), name: c.name, isExpert: scope.isExpertOrFacilitator(in: try c.requireID())) }
        var retractedBy: String?
        if let id = summary.retractedByID { retractedBy = try await Person.find(id, on: db)?.displayName }
        return IndicatorPage(summary: summary, warning: IndicatorFacts.warningList(app).reason(for: summary.value),
                             reports: try reports.map { (try ReportRow($0, scope: scope, indicators: 0), $0.community.name) },
                             communities: named, retractedBy: retractedBy)
    }
}

/// The firm's own sightings (only its own: other firms' sightings are never shown by name).
struct MySightingsPage: Sendable {
    struct Row: Sendable {
        let indicatorID: UUID
        let value: String
        let community: String
        let count: Int
        let lastSeen: Date
        let by: String
        let source: Sighting.Source
    }

    let rows: [Row]

    static func build(for person: SignedIn, on db: any Database) async throws -> MySightingsPage {
        var query = Sighting.query(on: db).with(\.$indicator).with(\.$community).with(\.$person)
        if let org = person.organisationID { query = query.filter(\.$organisation.$id == org) } else { query = query.filter(\.$person.$id == person.personID) }
        return MySightingsPage(rows: try await query.sort(\.$createdAt, .descending).limit(500).all().map {
            Row(indicatorID: $0.$indicator.id, value: $0.indicator.value, community: $0.community.name, count: $0.count, lastSeen: $0.lastSeen,
                by: $0.person.displayName, source: $0.source)
        })
    }
}
