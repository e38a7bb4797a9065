import Fluent

struct CreateInvitations: AsyncMigration {
    var name: String { "001_CreateInvitations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("invitations")
            .id()
            .field("token_digest", .string, .required)
            .field("email", .string, .required)
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .cascade))
            .field("organisation_role", .string)
            .field("makes_operator", .bool, .required)
            .field("invited_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest", name: "invitations_token_digest_unique")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invitations").delete()
    }
}
