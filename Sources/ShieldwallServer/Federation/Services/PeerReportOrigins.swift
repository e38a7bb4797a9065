import Fluent
import Foundation

/// Answers ThreatSharing's report page with the peer a report was pulled from (`ReportOrigin`), or the instance that
/// pushed it (`ReportPush`).
struct PeerReportOrigins: ReportProvenanceSource {
    func provenance(of reportID: UUID, on db: any Database) async throws -> ReportProvenance? {
        if let origin = try await ReportOrigin.query(on: db).filter(\.$report.$id == reportID).with(\.$peer).first() {
            return ReportProvenance(instance: origin.peer.name, collection: origin.collectionID, pulledAt: origin.pulledAt)
        }
        guard let push = try await ReportPush.query(on: db).filter(\.$report.$id == reportID).with(\.$account).first() else { return nil }
        return ReportProvenance(instance: push.account.name, collection: push.collectionID, pulledAt: push.pushedAt, pushed: true)
    }
}
