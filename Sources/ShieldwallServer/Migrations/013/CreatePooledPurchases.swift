import Fluent

/// A community's pooled purchases and shared hires, and each firm's interest in one.
struct CreatePooledPurchases: AsyncMigration {
    var name: String { "013_CreatePooledPurchases" }

    func prepare(on database: any Database) async throws {
        try await database.schema("pooled_purchases")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("organiser_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("title", .string, .required)
            .field("details", .string, .required)
            .field("unit", .string, .required)
            .field("deadline", .datetime, .required)
            .field("outcome", .string)
            .field("decided_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("pooled_purchase_interests")
            .id()
            .field("purchase_id", .uuid, .required, .references("pooled_purchases", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("quantity", .int, .required)
            .field("updated_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("updated_at", .datetime, .required)
            .unique(on: "purchase_id", "organisation_id", name: "pooled_purchase_interests_one_per_firm")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pooled_purchase_interests").delete()
        try await database.schema("pooled_purchases").delete()
    }
}
