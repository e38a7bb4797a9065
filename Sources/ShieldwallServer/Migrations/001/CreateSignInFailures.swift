import Fluent
import SQLKit

struct CreateSignInFailures: AsyncMigration {
    var name: String { "001_CreateSignInFailures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_failures")
            .id()
            .field("address", .string, .required)
            .field("email", .string, .required)
            .field("at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "sign_in_failures_address_at").on("sign_in_failures").column("address").column("at").run()
            try await sql.create(index: "sign_in_failures_email_at").on("sign_in_failures").column("email").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures").delete()
    }
}
