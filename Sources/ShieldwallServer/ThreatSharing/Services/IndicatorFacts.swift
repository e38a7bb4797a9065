import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What the viewer may know about indicators: correlations, sightings and confidence, each counted only
/// over reports the viewer may see (through `ReportScope`) and sightings in communities whose content
/// they may see — so a number never reveals that a hidden report exists.
struct IndicatorSummary: Sendable {
    let id: UUID
    let value: IndicatorValue
    let createdAt: Date
    /// A false positive, retracted by an expert or facilitator, and why.
    let retractedAt: Date?
    let retractedByID: UUID?
    let retractionReason: String?
    var reportIDs: Set<UUID> = []
    var reportingFirms: Set<UUID> = []
    var sightingFirms: Set<UUID> = []
    var recentSightingFirms: Set<UUID> = []
    var sightings = 0
    var expertConfirmed = false
    var firstSeen: Date
    var lastActivity: Date
    var lastSighting: Date?

    var retracted: Bool { retractedAt != nil }

    /// Values, not the model: summaries are cached and shared between requests, and a Fluent model must not be.
    init(id: UUID, value: IndicatorValue, createdAt: Date, retractedAt: Date?, retractedByID: UUID?, retractionReason: String?, firstSeen: Date,
         lastActivity: Date) {
        self.id = id
        self.value = value
        self.createdAt = createdAt
        self.retractedAt = retractedAt
        self.retractedByID = retractedByID
        self.retractionReason = retractionReason
        self.firstSeen = firstSeen
        self.lastActivity = lastActivity
    }

    var evidence: IndicatorEvidence {
        IndicatorEvidence(reportingFirms: reportingFirms.count, recentSightingFirms: recentSightingFirms.count,
                          firmsReportedOrSighted: reportingFirms.union(sightingFirms).count, expertConfirmed: expertConfirmed,
                          lastActivity: lastActivity, retracted: retracted)
    }

    var confidence: Int { IndicatorLifecycle.confidence(evidence) }
    var expires: Date { IndicatorLifecycle.expires(value.type, lastActivity: lastActivity) }
}

enum IndicatorFacts {
    /// Summaries of the indicators in visible reports — of one community, of some indicators, or both.
    static func summaries(community: UUID? = nil, indicatorIDs: [UUID]? = nil, scope: ReportScope, now: Date,
                          on db: any Database) async throws -> [UUID: IndicatorSummary] {
        if let ids = indicatorIDs, ids.isEmpty { return [:] }
        // Long id lists go in chunks (SQLite allows a few thousand bound values per statement).
        if let ids = indicatorIDs, ids.count > 500 {
            var merged: [UUID: IndicatorSummary] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let part = try await summaries(community: community, indicatorIDs: Array(ids[start..<min(start + 500, ids.count)]),
                                               scope: scope, now: now, on: db)
                merged.merge(part) { first, _ in first }
            }
            return merged
        }
        var links = scope.restrict(ReportIndicator.query(on: db)
            .join(ThreatReport.self, on: \ReportIndicator.$report.$id == \ThreatReport.$id)
            .join(Indicator.self, on: \ReportIndicator.$indicator.$id == \Indicator.$id))
        if let community { links = links.filter(ThreatReport.self, \.$community.$id == community) }
        if let ids = indicatorIDs { links = links.filter(\.$indicator.$id ~~ ids) }
        var out: [UUID: IndicatorSummary] = [:]
        for link in try await Link.read(links) {
            var s = out[link.indicator.id] ?? link.indicator
            s.reportIDs.insert(link.reportID)
            s.reportingFirms.insert(link.reportingFirm)
            s.firstSeen = min(s.firstSeen, link.createdAt)
            s.lastActivity = max(s.lastActivity, link.createdAt)
            out[link.indicator.id] = s
        }
        guard !out.isEmpty else { return out }
        let communities = community.map { [$0] } ?? Array(scope.viewer.contentCommunities)
        guard !communities.isEmpty else { return out }
        let known = indicatorIDs ?? (out.count <= 500 ? Array(out.keys) : nil)
        var sightings = Sighting.query(on: db).filter(\.$community.$id ~~ communities)
        if let known { sightings = sightings.filter(\.$indicator.$id ~~ known) }
        let recent = now.addingTimeInterval(-30 * 86_400)
        for sighting in try await sightings.all() {
            guard var s = out[sighting.$indicator.id] else { continue }
            let firm = sighting.$organisation.id ?? sighting.$person.id
            s.sightingFirms.insert(firm)
            if sighting.lastSeen >= recent { s.recentSightingFirms.insert(firm) }
            s.sightings += sighting.count
            s.lastActivity = max(s.lastActivity, sighting.createdAt)
            s.lastSighting = max(s.lastSighting ?? sighting.lastSeen, sighting.lastSeen)
            out[sighting.$indicator.id] = s
        }
        var confirmations = IndicatorConfirmation.query(on: db).filter(\.$community.$id ~~ communities)
        if let known { confirmations = confirmations.filter(\.$indicator.$id ~~ known) }
        let confirmed = try await confirmations.rows { output in
            let row = output.schema(IndicatorConfirmation.schema)
            return (indicator: try row.decode("indicator_id", as: UUID.self), at: try row.decode("created_at", as: Date.self))
        }
        for confirmation in confirmed {
            guard var s = out[confirmation.indicator] else { continue }
            s.expertConfirmed = true
            s.lastActivity = max(s.lastActivity, confirmation.at)
            out[confirmation.indicator] = s
        }
        return out
    }

    /// One report's link to an indicator, read column by column: a blocklist of 100,000 indicators spent most of its
    /// build making three Fluent models per link (reflection per row; BENCHMARKS.md "Integrations").
    private struct Link: Sendable {
        let indicator: IndicatorSummary
        let reportID: UUID
        let reportingFirm: UUID
        let createdAt: Date

        static func read(_ query: QueryBuilder<ReportIndicator>) async throws -> [Link] {
            try await query.rows { output in
                let link = output.schema(ReportIndicator.schema), report = output.schema(ThreatReport.schema)
                let indicator = output.schema(Indicator.schema)
                let created = try link.decode("created_at", as: Date.self)
                let typeName = try indicator.decode("type", as: String.self)
                guard let type = IndicatorType(rawValue: typeName) else { throw Abort(.internalServerError, reason: "indicator type \(typeName)") }
                let summary = IndicatorSummary(
                    id: try indicator.decode(.id, as: UUID.self), value: IndicatorValue(type: type, value: try indicator.decode("value", as: String.self)),
                    createdAt: try indicator.decode("created_at", as: Date.self), retractedAt: try indicator.decode("retracted_at", as: Date?.self),
                    retractedByID: try indicator.decode("retracted_by_id", as: UUID?.self),
                    retractionReason: try indicator.decode("retraction_reason", as: String?.self), firstSeen: created, lastActivity: created)
                let firm = try report.decode("organisation_id", as: UUID?.self) ?? report.decode("author_id", as: UUID.self)
                return Link(indicator: summary, reportID: try report.decode(.id, as: UUID.self), reportingFirm: firm, createdAt: created)
            }
        }
    }

    /// One indicator, if it is in at least one report the viewer may see; 404 otherwise (the same answer
    /// whether it does not exist or is hidden).
    static func visible(_ id: UUID?, scope: ReportScope, req: Request) async throws -> IndicatorSummary {
        guard let id, let summary = try await summaries(indicatorIDs: [id], scope: scope, now: req.now, on: req.db)[id]
        else { throw Abort(.notFound, reason: req.t("error.indicator-not-found")) }
        return summary
    }

    /// The shipped warning list plus the instance's own host.
    static func warningList(_ app: Application) -> WarningList {
        var list = WarningList.shipped
        if let host = URLComponents(string: app.shieldwall.configuration.baseURL)?.host,
           case .success(let value) = IndicatorValue.normalise(host) {
            list.insert(value, reason: "This Shieldwall instance")
        }
        return list
    }

    /// The warning list as one community sees it: shipped, the instance's host, and the community's own entries.
    static func warningList(_ app: Application, community: UUID, on db: any Database) async throws -> WarningList {
        var list = warningList(app)
        for entry in try await CommunityWarning.query(on: db).filter(\.$community.$id == community).all() {
            list.insert(entry.indicatorValue, reason: entry.reason)
        }
        return list
    }

    /// Every member firm's own addresses and domains, as one list to check against.
    static func memberAllowlist(community: UUID, on db: any Database) async throws -> WarningList {
        let firms = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == community)
            .filter(\.$status == ParticipationStatus.active).values(\.$organisation.$id)
        return try await allowlist(of: firms, reason: "A member firm's own", on: db)
    }

    /// These firms' own addresses and domains, as one list to check against.
    static func allowlist(of firms: [UUID], reason: String, on db: any Database) async throws -> WarningList {
        guard !firms.isEmpty else { return .empty }
        var list = WarningList.empty
        for entry in try await AllowlistEntry.query(on: db).filter(\.$organisation.$id ~~ firms).all() {
            list.insert(entry.indicatorValue, reason: reason)
        }
        return list
    }
}
