import Fluent

/// Reviews of providers by firms that use them, one per firm and provider, and the versions an edit replaced.
struct CreateProviderReviews: AsyncMigration {
    var name: String { "012_CreateProviderReviews" }

    func prepare(on database: any Database) async throws {
        try await database.schema("provider_reviews")
            .id()
            .field("provider_id", .uuid, .required, .references("providers", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("author_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("ratings", .string, .required)
            .field("practice", .string, .required)
            .field("body", .string, .required)
            .field("anonymous", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "provider_id", "organisation_id", name: "provider_reviews_one_per_firm")
            .create()
        try await database.schema("provider_review_revisions")
            .id()
            .field("review_id", .uuid, .required, .references("provider_reviews", "id", onDelete: .cascade))
            .field("ratings", .string, .required)
            .field("practice", .string, .required)
            .field("body", .string, .required)
            .field("anonymous", .bool, .required)
            .field("edited_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("replaced_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("provider_review_revisions").delete()
        try await database.schema("provider_reviews").delete()
    }
}
