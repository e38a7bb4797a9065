import Fluent
import SQLKit

/// Indexes for what every signed-in page asks by person or firm (issue #32): at `demo --scale 20` these reads were
/// full scans of tables that grow with the instance — 1,567 people for a firm's staff, 1,674 charter acceptances for
/// one person's, 528 events for one community's — and at an operator's scale they would be five times that.
struct AddLookupIndexes: AsyncMigration {
    var name: String { "024_AddLookupIndexes" }

    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("people_organisation", "people", ["organisation_id"]),
        ("community_people_person", "community_people", ["person_id"]),
        ("community_organisations_organisation", "community_organisations", ["organisation_id"]),
        ("charter_acceptances_person", "charter_acceptances", ["person_id"]),
        ("community_events_community", "community_events", ["community_id", "starts_at"]),
        ("community_invitations_community", "community_invitations", ["community_id"]),
        ("community_invitations_person", "community_invitations", ["person_id"]),
        ("community_invitations_organisation", "community_invitations", ["organisation_id"]),
        ("join_requests_community", "join_requests", ["community_id"]),
        ("join_requests_organisation", "join_requests", ["organisation_id"]),
        ("invitations_organisation", "invitations", ["organisation_id"]),
        ("feed_tokens_person", "feed_tokens", ["person_id", "community_id"]),
        ("kpi_sets_community", "kpi_sets", ["community_id"]),
        ("help_requests_organisation", "help_requests", ["organisation_id"]),
        ("audit_events_kind_at", "audit_events", ["kind", "at"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            var create = sql.create(index: index.name).on(index.table)
            for column in index.columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
