import Fluent

struct CreateCommunities: AsyncMigration {
    var name: String { "002_CreateCommunities" }

    func prepare(on database: any Database) async throws {
        try await database.schema("communities")
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("tags", .string, .required)
            .field("listed", .bool, .required)
            .field("status", .string, .required)
            .field("setup_step", .int, .required)
            .field("guidance_organisations", .int, .required)
            .field("guidance_experts", .int, .required)
            .field("hard_cap", .int)
            .field("charter_version", .int, .required)
            .field("requested_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .field("archived_at", .datetime)
            .unique(on: "slug", name: "communities_slug_unique")
            .create()
        try await database.schema("charter_versions")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("text", .string, .required)
            .field("author_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "community_id", "version", name: "charter_versions_community_version_unique")
            .create()
        try await database.schema("charter_acceptances")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("accepted_at", .datetime, .required)
            .unique(on: "community_id", "person_id", "version", name: "charter_acceptances_unique")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("charter_acceptances").delete()
        try await database.schema("charter_versions").delete()
        try await database.schema("communities").delete()
    }
}
