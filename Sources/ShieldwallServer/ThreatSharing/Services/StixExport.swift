import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShieldwallCore
import Vapor

/// STIX 2.1 exports, always through `ReportScope` and the TLP redistribution rule of the channel:
/// a member's own export may carry AMBER+STRICT, anything that leaves the instance never does, RED never.
enum StixExport {
    /// One bundle in memory, for small exports and tests; downloads stream it (`StixBundleWriter`).
    static func bundle(reports: [ThreatReport], scope: ReportScope, now: Date, on db: any Database) async throws -> Data {
        let box = NIOLockedValueBox(Data())
        try await StixBundleWriter.write(reports: reports, scope: scope, now: now, on: db) { chunk in
            box.withLockedValue { $0.append(contentsOf: chunk.readableBytesView) }
        }
        return box.withLockedValue { $0 }
    }

    struct Parts: Sendable {
        var reports: [StixBundle.ReportObject] = []
        var indicators: [StixBundle.IndicatorObject] = []
        var sightings: [StixBundle.SightingObject] = []
        /// When each object arrived on this instance (TAXII's `date_added`).
        var added: [String: Date] = [:]
    }

    static func parts(reports: [ThreatReport], scope: ReportScope, now: Date, on db: any Database) async throws -> Parts {
        let reportIDs = reports.compactMap(\.id)
        var links: [UUID: [UUID]] = [:]
        var firstLinked: [UUID: Date] = [:]
        for batch in stride(from: 0, to: reportIDs.count, by: 500).map({ Array(reportIDs[$0..<min($0 + 500, reportIDs.count)]) }) {
            for link in try await ReportIndicator.query(on: db).filter(\.$report.$id ~~ batch).all() {
                links[link.$report.id, default: []].append(link.$indicator.id)
                firstLinked[link.$indicator.id] = min(firstLinked[link.$indicator.id] ?? link.createdAt, link.createdAt)
            }
        }
        // An indicator is marked with the least restrictive TLP among the exported reports that carry it.
        var indicatorTLP: [UUID: TLP] = [:]
        for report in reports {
            for id in links[try report.requireID()] ?? [] { indicatorTLP[id] = min(indicatorTLP[id] ?? .red, report.tlp) }
        }
        let summaries = try await IndicatorFacts.summaries(indicatorIDs: Array(indicatorTLP.keys), scope: scope, now: now, on: db)
        var organisations: [UUID: String] = [:]
        let orgIDs = Array(Set(reports.filter { !$0.anonymous }.compactMap { $0.$organisation.id }))
        if !orgIDs.isEmpty {
            for org in try await Organisation.query(on: db).filter(\.$id ~~ orgIDs).all() { organisations[try org.requireID()] = org.name }
        }
        let stixID = StixBundleWriter.stixID
        let reportObjects = try reports.map { r in
            try StixBundleWriter.reportObject(r, organisations: organisations, indicators: links[try r.requireID()] ?? [])
        }
        var parts = Parts(reports: reportObjects)
        let earliest = reports.map(\.createdAt).min() ?? now
        for tlp in TLP.allCases { parts.added[tlp.stixMarkingID] = earliest }
        for (r, object) in zip(reports, reportObjects) {
            parts.added[object.id] = r.createdAt
            if let author = object.author { parts.added[author.id] = min(parts.added[author.id] ?? r.createdAt, r.createdAt) }
        }
        for (id, tlp) in indicatorTLP.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            guard let s = summaries[id] else { continue }
            let indicatorID = stixID("indicator", id)
            parts.indicators.append(.init(id: indicatorID, value: s.value, created: s.createdAt, validUntil: s.expires,
                                          confidence: s.confidence, revoked: s.retracted, tlp: tlp))
            parts.added[indicatorID] = firstLinked[id] ?? s.firstSeen
            if s.sightings > 0 {
                let sightingID = StixBundleWriter.sightingID(id, tlp)
                parts.sightings.append(.init(id: sightingID, indicatorID: indicatorID, count: s.sightings, firstSeen: s.firstSeen,
                                             lastSeen: s.lastSighting ?? s.lastActivity, tlp: tlp))
                parts.added[sightingID] = s.lastSighting ?? s.lastActivity
            }
        }
        return parts
    }

    /// Reports of one community the holder may see and this channel may carry.
    static func communityReports(_ communityID: UUID, scope: ReportScope, channel: ReportAccess.Channel, on db: any Database) async throws -> [ThreatReport] {
        let allowed = TLP.allCases.filter { ReportAccess.mayCarry($0, on: channel) }
        return try await scope.reports(on: db).filter(\.$community.$id == communityID).filter(\.$tlp ~~ allowed)
            .sort(\.$createdAt).all()
    }

    /// One report as a download (pages and API); TLP:RED reports are never exported.
    static func download(report id: UUID?, scope: ReportScope, req: Request) async throws -> Response {
        let report = try await scope.report(id, on: req.db, req)
        guard ReportAccess.mayCarry(report.tlp, on: .holdersOwnFeed) else { throw Abort(.forbidden, reason: req.t("error.red-not-exported")) }
        return streamed([report], scope: scope, req: req, filename: "report-\(try report.requireID()).json")
    }

    /// Everything the holder may see in a community, for their own tools (no RED).
    static func download(community: Community, scope: ReportScope, req: Request) async throws -> Response {
        let reports = try await communityReports(try community.requireID(), scope: scope, channel: .holdersOwnFeed, on: req.db)
        return streamed(reports, scope: scope, req: req, filename: "\(community.slug)-stix.json")
    }

    /// The bundle written to the connection as it is made: memory stays at one batch whatever the export's size.
    /// A failure part-way closes the connection, so a client never takes a cut-off bundle for a whole one.
    static func streamed(_ reports: [ThreatReport], scope: ReportScope, req: Request, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "stix+json", parameters: ["version": "2.1"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        let now = req.now, db = req.db, logger = req.logger
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            do {
                try await StixBundleWriter.write(reports: reports, scope: scope, now: now, on: db) { try await writer.write(.buffer($0)) }
                try await writer.write(.end)
            } catch {
                logger.error("STIX export stopped part-way: \(String(describing: error))")
                try await writer.write(.error(error))
            }
        }))
    }
}
