import Fluent

/// The KPI values firms enter each month, and the KPI sets a community proposes, discusses and agrees.
struct CreateMetrics: AsyncMigration {
    var name: String { "017_CreateMetrics" }

    func prepare(on database: any Database) async throws {
        try await database.schema("kpi_values")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("kpi_id", .string, .required)
            .field("month", .string, .required)
            .field("value", .double, .required)
            .field("entered_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("entered_at", .datetime, .required)
            .unique(on: "organisation_id", "kpi_id", "month", name: "kpi_values_firm_month")
            .create()
        try await database.schema("kpi_sets")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("items", .string, .required)
            .field("note", .string, .required)
            .field("proposed_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .create()
        try await database.schema("kpi_set_responses")
            .id()
            .field("set_id", .uuid, .required, .references("kpi_sets", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("vote", .string, .required)
            .field("comment", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "set_id", "person_id", name: "kpi_set_responses_person")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["kpi_set_responses", "kpi_sets", "kpi_values"] { try await database.schema(table).delete() }
    }
}
