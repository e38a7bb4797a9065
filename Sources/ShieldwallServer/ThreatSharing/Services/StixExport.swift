import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// STIX 2.1 exports, always through `ReportScope` and the TLP redistribution rule of the channel:
/// a member's own export may carry AMBER+STRICT, anything that leaves the instance never does, RED never.
enum StixExport {
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
