import Fluent
import Foundation

/// The communities a firm takes part in, for its page: answered by Communities, wired by App (`DomainLinks`).
protocol OrganisationCommunityList: Sendable {
    /// Each community of the firm, with which of `people` take part in it (accepted its current charter).
    func communities(of organisation: UUID, people: [Person], on db: any Database) async throws -> [OrganisationCommunity]
}

struct OrganisationCommunity: Sendable {
    let name: String
    let slug: String
    let status: String
    let people: [String]
}
