import Fluent
import Foundation

/// Answers ThreatSharing's report page with the peer a report was pulled from (`ReportOrigin`).
struct PeerReportOrigins: ReportProvenanceSource {
    func provenance(of reportID: UUID, on db: any Database) async throws -> ReportProvenance? {
        guard let origin = try await ReportOrigin.query(on: db).filter(\.$report.$id == reportID).with(\.$peer).first() else { return nil }
        return ReportProvenance(instance: origin.peer.name, collection: origin.collectionID, pulledAt: origin.pulledAt)
    }
}
