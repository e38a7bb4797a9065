import Fluent
import Foundation
import SQLKit
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Two app servers on one database, as an operator runs them behind a load balancer: what one of them
/// keeps in memory (token holders, report scopes, lookup answers, rendered blocklists) must never outlive a
/// change made through the other.
final class SharedCacheTests: XCTestCase {
    func withTwoServers(_ body: (Application, Application, ManualTime) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-two-\(UUID().uuidString)")
        let database: DatabaseChoice = testDatabase.isPostgres ? testDatabase : .sqliteFile(folder.appendingPathComponent("shared.sqlite"))
        let time = ManualTime(Date(timeIntervalSince1970: 1_800_000_000))
        func server() async throws -> Application {
            let app = try await Application.make(.testing)
            let configuration = ShieldwallConfiguration(dataDirectory: folder, baseURL: "http://127.0.0.1:8080", bcryptCost: 4)
            try await configure(app, services: ShieldwallServices(configuration: configuration, time: time, mailer: RecordingMailer(),
                                                                  catalogues: try loadCatalogues(extraFolder: nil)), database: database)
            return app
        }
        let a = try await server()
        var b: Application?
        do {
            if testDatabase.isPostgres, let sql = a.db as? any SQLDatabase {
                try await sql.raw("DROP SCHEMA public CASCADE").run()
                try await sql.raw("CREATE SCHEMA public").run()
            }
            try await a.autoMigrate()
            b = try await server()
            try await body(a, try XCTUnwrap(b), time)
        } catch {
            try? await b?.asyncShutdown()
            try? await a.asyncShutdown()
            throw error
        }
        try await b?.asyncShutdown()
        try await a.asyncShutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    func known(_ app: Application, _ value: String, token: String) async throws -> (status: HTTPStatus, known: Bool?) {
        let r = try await app.api(.POST, "/indicators/lookup", token: token, json: #"{"values": ["\#(value)"]}"#)
        let answers = (try? JSONSerialization.jsonObject(with: Data(r.body.string.utf8))) as? [[String: Any]]
        return (r.status, answers?.first?["known"] as? Bool)
    }

    func testAChangeOnOneServerIsObeyedAtOnceByTheOther() async throws {
        try await withTwoServers { a, b, _ in
            let authorFirm = try await Seed.organisation(a, name: "Corner Bakery"), memberFirm = try await Seed.organisation(a, name: "Quayside Books")
            let author = try await Seed.person(a, email: "alice@bakery.example", organisation: authorFirm, role: .admin)
            let member = try await Seed.person(a, email: "mia@books.example", organisation: memberFirm, role: .admin)
            let colleague = try await Seed.person(a, email: "max@books.example", organisation: memberFirm, role: .staff)
            let expert = try await Seed.person(a, email: "erin@expert.example")
            let community = try await Seed.community(a, name: "Leeds Shops", facilitator: expert, firms: [authorFirm, memberFirm])
            for p in [author, member, colleague] { try await Seed.acceptCharter(a, community, by: p) }
            let authorToken = try await Seed.token(a, for: author)
            let created = try await a.api(.POST, "/communities/\(community.slug)/reports", token: authorToken, json: """
                {"kind": "incident", "title": "Stuffing", "summary": "Logins from these.", "tlp": "amber", "indicators": ["45.95.147.236"]}
                """)
            XCTAssertEqual(created.status, .created, created.body.string)

            // Server B answers, and keeps the holder, the scope and the answer.
            let memberToken = try await Seed.token(a, for: member), colleagueToken = try await Seed.token(a, for: colleague)
            for _ in 0..<2 { expectEqual(try await known(b, "45.95.147.236", token: memberToken).known, true) }
            expectEqual(try await known(b, "bad-shop.top", token: memberToken).known, false)

            // New data on A: B answers with it at once.
            _ = try await a.api(.POST, "/communities/\(community.slug)/reports", token: authorToken, json: """
                {"kind": "incident", "title": "Shop", "summary": "A fake shop.", "tlp": "amber", "indicators": ["bad-shop.top"]}
                """)
            expectEqual(try await known(b, "bad-shop.top", token: memberToken).known, true)

            // A token revoked on A stops working on B at once.
            let tokenID = try await APIToken.query(on: a.db).filter(\.$person.$id == member.requireID()).firstOrFail().requireID()
            expectTrue(try await APITokenActions.revoke(tokenID, of: member.requireID(), ctx: ActionContext(a)))
            expectEqual(try await known(b, "45.95.147.236", token: memberToken).status, .unauthorized)

            // The firm leaves the community on A: its people no longer see the AMBER report through B.
            expectEqual(try await known(b, "45.95.147.236", token: colleagueToken).known, true)
            try await Seed.firmLeaves(a, memberFirm.id)
            expectEqual(try await known(b, "45.95.147.236", token: colleagueToken).known, false)
        }
    }
}
