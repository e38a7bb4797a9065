import Fluent

struct CreateParticipation: AsyncMigration {
    var name: String { "002_CreateParticipation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("community_organisations")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("joined_at", .datetime, .required)
            .field("left_at", .datetime)
            .field("note", .string)
            .unique(on: "community_id", "organisation_id", name: "community_organisations_unique")
            .create()
        try await database.schema("community_people")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("status", .string, .required)
            .field("joined_at", .datetime, .required)
            .field("left_at", .datetime)
            .unique(on: "community_id", "person_id", name: "community_people_unique")
            .create()
        try await database.schema("community_invitations")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .cascade))
            .field("person_id", .uuid, .references("people", "id", onDelete: .cascade))
            .field("message", .string, .required)
            .field("invited_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("answered_at", .datetime)
            .create()
        try await database.schema("join_requests")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("requested_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("decision_reason", .string)
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["join_requests", "community_invitations", "community_people", "community_organisations"] {
            try await database.schema(table).delete()
        }
    }
}
