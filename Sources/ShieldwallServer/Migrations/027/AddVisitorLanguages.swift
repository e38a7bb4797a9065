import Fluent

/// A second language (issue #31): visitors who register for a chapter's event, or ask to hear of its next ones, get
/// their mails in the language of the page they used.
struct AddVisitorLanguages: AsyncMigration {
    var name: String { "027_AddVisitorLanguages" }

    func prepare(on database: any Database) async throws {
        try await database.schema("event_registrations").field("language", .string, .required, .sql(.default("en"))).update()
        try await database.schema("chapter_contacts").field("language", .string, .required, .sql(.default("en"))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("event_registrations").deleteField("language").update()
        try await database.schema("chapter_contacts").deleteField("language").update()
    }
}
