import Fluent
import SQLKit
import XCTVapor
@testable import ShieldwallServer

/// Migration 027 on a chapter's contacts written by the 026 schema: they keep getting the chapter's mails, in English
/// (the only language there was), and new ones keep the language of the page they used.
final class VisitorLanguagesTests: XCTestCase {
    func testContactsFromBeforeTheUpgradeHearInEnglish() async throws {
        try await withApp(migratedBefore: "027_AddVisitorLanguages") { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let fran = try await Seed.person(app, email: "fran@bakery.example", organisation: firm, role: .admin)
            let chapter = try await Seed.community(app, name: "York Chapter", facilitator: fran, firms: [firm])
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("""
                INSERT INTO chapter_contacts (id, community_id, name, email, unsubscribe_token, created_at)
                VALUES (\(bind: UUID()), \(bind: try chapter.requireID()), 'Vera', 'vera@visitor.example', 'token', \(bind: Date()))
                """).run()

            try await app.autoMigrate()

            expectEqual(try await ChapterContact.query(on: app.db).all().map(\.language), ["en"])
            try await ChapterContact(communityID: try chapter.requireID(), name: "Vicente", email: "vicente@visitante.example",
                                     unsubscribeToken: "other", createdAt: Date(), language: "es").create(on: app.db)
            expectEqual(try await ChapterContact.query(on: app.db).sort(\.$name).all().map(\.language), ["en", "es"])
        }
    }
}
