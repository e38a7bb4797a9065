import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What `shieldwall stix …` does from the command line.
public enum StixCommands {
    /// Everything in the community that may be shared beyond this instance (TLP:CLEAR, GREEN and AMBER —
    /// never AMBER+STRICT or RED), as one STIX 2.1 bundle written to `sink` piece by piece; answers how many reports.
    public static func exportCommunity(slug: String, app: Application, to sink: @escaping @Sendable (ByteBuffer) async throws -> Void) async throws -> Int {
        guard let community = try await Community.query(on: app.db).filter(\.$slug == slug).first(), let id = community.id else {
            throw AdminActions.Failure(description: "No community with the address '\(slug)'.")
        }
        let scope = ReportScope.instance(member: id)
        let reports = try await StixExport.communityReports(id, scope: scope, channel: .beyondInstance, on: app.db)
        try await StixBundleWriter.write(reports: reports, scope: scope, now: app.shieldwall.time.now, on: app.db, to: sink)
        return reports.count
    }

    /// Imports a bundle file into a community as `author` (by default the community's facilitator).
    public static func importFile(_ path: String, community slug: String, author email: String?, app: Application) async throws -> String {
        guard let community = try await Community.query(on: app.db).filter(\.$slug == slug).first(), let id = community.id else {
            throw AdminActions.Failure(description: "No community with the address '\(slug)'.")
        }
        let person = try await CommunityStandings.personOrFacilitator(email, of: id, on: app.db)
        guard let person, let personID = person.id else { throw AdminActions.Failure(description: "No such person to name as the author.") }
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw AdminActions.Failure(description: "Cannot read \(path): \(error.localizedDescription)")
        }
        let english = app.shieldwall.catalogues.localiser(for: CatalogueSet.baseLanguage)
        do {
            let summary = try await StixImporter.run(data, into: community, authorID: personID, organisationID: person.$organisation.id,
                                                     now: app.shieldwall.time.now, localiser: english, on: app.db)
            var lines = [summary.text(english)]
            lines += summary.errors.map { "error   \($0.id): \($0.reason)" }
            lines += summary.skipped.map { "skipped \($0.id): \($0.reason)" }
            return lines.joined(separator: "\n")
        } catch let abort as AbortError {
            throw AdminActions.Failure(description: abort.message(english))
        }
    }
}
