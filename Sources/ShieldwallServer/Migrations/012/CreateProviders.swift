import Fluent

/// The provider directory: entries proposed by members and approved by a curator.
struct CreateProviders: AsyncMigration {
    var name: String { "012_CreateProviders" }

    func prepare(on database: any Database) async throws {
        try await database.schema("providers")
            .id()
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("website", .string, .required)
            .field("host", .string, .required)
            .field("services", .string, .required)
            .field("area", .string, .required)
            .field("client_sizes", .string, .required)
            .field("certifications", .string, .required)
            .field("status", .string, .required)
            .field("proposed_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("decided_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            // The same provider twice is caught by name or web address (`ProviderListing.duplicate`); these
            // make a race between two proposals end the same way.
            .unique(on: "name_key", name: "providers_name_key")
            .unique(on: "host", name: "providers_host")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("providers").delete()
    }
}
