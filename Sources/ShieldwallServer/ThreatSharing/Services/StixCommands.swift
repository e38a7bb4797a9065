import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What `shieldwall stix …` does from the command line.
public enum StixCommands {
    /// Everything in the community that may be shared beyond this instance (TLP:CLEAR, GREEN and AMBER —
    /// never AMBER+STRICT or RED), as one STIX 2.1 bundle.
    public static func exportCommunity(slug: String, app: Application) async throws -> (data: Data, reports: Int) {
        guard let community = try await Community.query(on: app.db).filter(\.$slug == slug).first(), let id = community.id else {
            throw AdminActions.Failure(description: "No community with the address '\(slug)'.")
        }
        let scope = ReportScope.instance(member: id)
        let reports = try await StixExport.communityReports(id, scope: scope, channel: .beyondInstance, on: app.db)
        return (try await StixExport.bundle(reports: reports, scope: scope, now: app.shieldwall.time.now, on: app.db), reports.count)
    }
}
