import Fluent
import Foundation

/// Where a report came from when another instance shared it: which instance, which of its collections, when.
struct ReportProvenance: Sendable, Equatable {
    let instance: String
    let collection: String
    let pulledAt: Date
}

/// The report page asks where a pulled report came from; Federation keeps the origins.
protocol ReportProvenanceSource: Sendable {
    func provenance(of reportID: UUID, on db: any Database) async throws -> ReportProvenance?
}
