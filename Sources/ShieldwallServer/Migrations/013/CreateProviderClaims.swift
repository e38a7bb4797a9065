import Fluent

/// A provider's own people answering its reviews (a claim the operator invites them to), reports of reviews and
/// the operator's decision on them, and a review hidden by that decision.
struct CreateProviderClaims: AsyncMigration {
    var name: String { "013_CreateProviderClaims" }

    func prepare(on database: any Database) async throws {
        try await database.schema("provider_claims")
            .id()
            .field("provider_id", .uuid, .required, .references("providers", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("token_digest", .string, .required)
            .field("invited_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("person_id", .uuid, .references("people", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest", name: "provider_claims_token")
            .create()
        try await database.schema("provider_review_answers")
            .id()
            .field("review_id", .uuid, .required, .references("provider_reviews", "id", onDelete: .cascade))
            .field("author_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "review_id", name: "provider_review_answers_one")
            .create()
        try await database.schema("provider_review_reports")
            .id()
            .field("review_id", .uuid, .required, .references("provider_reviews", "id", onDelete: .cascade))
            .field("reporter_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .field("decision", .string)
            .field("decided_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .unique(on: "review_id", "reporter_id", name: "provider_review_reports_one_per_person")
            .create()
        // One column per statement: SQLite adds one at a time.
        try await database.schema("provider_reviews").field("hidden_at", .datetime).update()
        try await database.schema("provider_reviews").field("hidden_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("provider_reviews").deleteField("hidden_reason").update()
        try await database.schema("provider_reviews").deleteField("hidden_at").update()
        try await database.schema("provider_review_reports").delete()
        try await database.schema("provider_review_answers").delete()
        try await database.schema("provider_claims").delete()
    }
}
