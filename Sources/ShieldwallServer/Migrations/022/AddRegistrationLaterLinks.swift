import Fluent
import SQLKit

/// A second link for a visitor's registration, sent with the reminder or the "a seat is free" mail, so those mails
/// can offer cancelling too (only links' digests are kept, so the first link cannot be sent again).
struct AddRegistrationLaterLinks: AsyncMigration {
    var name: String { "022_AddRegistrationLaterLinks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("event_registrations").field("later_token_digest", .string).update()
        // A link is looked up by its digest: without an index every click would read the whole table.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "event_registrations_later_token").on("event_registrations").column("later_token_digest").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "event_registrations_later_token").run() }
        try await database.schema("event_registrations").deleteField("later_token_digest").update()
    }
}
