import Fluent
import SQLKit
import XCTVapor
@testable import ShieldwallServer

/// Migration 025 on documents the 024 schema indexed: each is still found by what it is about, so editing or
/// deleting a thread after the upgrade replaces or removes its documents, and new ones go in beside them.
final class SearchReferencesTests: XCTestCase {
    func testDocumentsIndexedBeforeTheUpgradeAreReplacedAndRemovedAfterIt() async throws {
        try await withApp(migratedBefore: "025_AddSearchReferences") { world in
            let app = world.app
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let community = UUID(), thread = UUID(), reply = UUID(), other = UUID()
            for (ref, threadID, body) in [(thread, thread, "backups"), (reply, thread, "offsite backups"), (other, other, "passwords")] {
                try await sql.raw("""
                    INSERT INTO search_documents (kind, ref_id, thread_id, community_id, tlp, author_id, title, body)
                    VALUES ('post', \(bind: ref.uuidString), \(bind: threadID.uuidString), \(bind: community.uuidString), NULL, NULL, '', \(bind: body))
                    """).run()
            }

            try await app.autoMigrate()

            func documents(_ ref: UUID) async throws -> Int {
                try await sql.raw("SELECT count(*) AS n FROM search_documents WHERE ref_id = \(bind: ref.uuidString)").first()?
                    .decode(column: "n", as: Int.self) ?? -1
            }
            try await SearchIndex.put(.post, ref: reply, thread: thread, community: community, title: "", body: "edited", on: app.db)
            expectEqual(try await documents(reply), 1, "an edit replaces the document, it does not add a second")
            try await SearchIndex.removeThread(thread, on: app.db)
            expectEqual(try await documents(thread), 0)
            expectEqual(try await documents(reply), 0, "the thread's replies go with it")
            expectEqual(try await documents(other), 1, "another thread stays")
            try await SearchIndex.remove(ref: other, on: app.db)
            expectEqual(try await documents(other), 0)
        }
    }
}
