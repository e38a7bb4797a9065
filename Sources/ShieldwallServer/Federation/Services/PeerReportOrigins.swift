import Fluent
import Foundation
import SQLKit

/// Answers ThreatSharing's report page with the peer a report was pulled from (`ReportOrigin`), or the instance that
/// pushed it (`ReportPush`): one statement, as every report page asks.
struct PeerReportOrigins: ReportProvenanceSource {
    func provenance(of reportID: UUID, on db: any Database) async throws -> ReportProvenance? {
        guard let sql = db as? any SQLDatabase else { return nil }
        guard let row = try await sql.raw("""
            SELECT p.name AS instance, o.collection_id AS collection, o.pulled_at AS at, 0 AS pushed
              FROM report_origins o JOIN federation_peers p ON p.id = o.peer_id WHERE o.report_id = \(bind: reportID)
            UNION ALL
            SELECT a.name, r.collection_id, r.pushed_at, 1
              FROM report_pushes r JOIN peer_accounts a ON a.id = r.account_id WHERE r.report_id = \(bind: reportID)
            """).first() else { return nil }
        return ReportProvenance(instance: try row.decode(column: "instance", as: String.self), collection: try row.decode(column: "collection", as: String.self),
                                pulledAt: try row.decode(column: "at", as: Date.self), pushed: try row.decode(column: "pushed", as: Int.self) == 1)
    }
}
