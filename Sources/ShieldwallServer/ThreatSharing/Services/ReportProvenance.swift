import Fluent
import Foundation

/// Where a report came from when another instance shared it: which instance, which of its collections, when.
struct ReportProvenance: Sendable, Equatable {
    let instance: String
    let collection: String
    /// When it came; `pushed`: the other instance sent it, rather than this one pulling it.
    let pulledAt: Date
    var pushed = false
}

/// The report page asks where a pulled report came from; Federation keeps the origins.
protocol ReportProvenanceSource: Sendable {
    func provenance(of reportID: UUID, on db: any Database) async throws -> ReportProvenance?
}
