import Crypto
import Fluent
import Foundation
import SQLKit
import XCTVapor
@testable import ShieldwallServer

/// Signed-in pages kept under the page-data mark (`PageCache`, `PageDataTriggers`): a page asked again while nothing was
/// written is answered from memory, and any write at all — through Fluent, raw SQL, on any table — makes it again.
/// Both engines.
final class PageCacheTests: XCTestCase {
    static let circle = "/communities/leeds-bradford-micro-business-circle"

    func queries(_ response: XCTHTTPResponse) -> Int { Int(response.headers.first(name: QueryCountMiddleware.header) ?? "") ?? -1 }

    func demoBrowser(_ app: Application, _ email: String) async throws -> TestBrowser {
        let browser = TestBrowser(app)
        try await browser.signIn(email, password: DemoSeed.password)
        return browser
    }

    func mark(_ app: Application) async throws -> String {
        try await DataVersions.read(on: app.db).page
    }

    func testAPageAskedAgainIsAnsweredWithoutMakingIt() async throws {
        try await withApp { world in
            _ = try await DemoSeed.run(app: world.app)
            let member = try await demoBrowser(world.app, "lucia@cornercafe.example")
            let first = try await member.get(Self.circle)
            let again = try await member.get(Self.circle)
            XCTAssertEqual(again.status, .ok)
            XCTAssertEqual(again.body.string, first.body.string, "the same page")
            XCTAssertGreaterThan(queries(first), 1)
            XCTAssertEqual(queries(again), 1, "the session with the page mark, nothing else")
            XCTAssertEqual(again.headers.first(name: "Cache-Control"), "no-store", "the security headers still go on")
        }
    }

    func testAnyWriteMakesThePageAgain() async throws {
        try await withApp { world in
            let app = world.app
            _ = try await DemoSeed.run(app: app)
            let member = try await demoBrowser(app, "lucia@cornercafe.example")
            _ = try await member.get(Self.circle)
            // Raw SQL, which no model middleware sees.
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE communities SET name = 'Renamed Circle' WHERE slug = 'leeds-bradford-micro-business-circle'").run()
            let renamed = try await member.get(Self.circle)
            XCTAssertTrue(renamed.body.string.contains("Renamed Circle"), "the new name, not the kept page")
            // Through Fluent, in another table.
            _ = try await member.get(Self.circle + "/discussions")
            let community = try await Community.query(on: app.db).filter(\.$slug == "leeds-bradford-micro-business-circle").first()
            let author = try await Person.query(on: app.db).filter(\.$email == "lucia@cornercafe.example").first()
            try await ConversationThread(communityID: try XCTUnwrap(community).requireID(), authorID: try XCTUnwrap(author).requireID(),
                                         kind: .discussion, title: "A thread written a moment ago", body: "Body", tags: [],
                                         at: world.time.now).create(on: app.db)
            let list = try await member.get(Self.circle + "/discussions")
            XCTAssertTrue(list.body.string.contains("A thread written a moment ago"))
        }
    }

    func testNoTwoSessionsShareAPage() async throws {
        try await withApp { world in
            let app = world.app
            _ = try await DemoSeed.run(app: app)
            let lucia = try await demoBrowser(app, "lucia@cornercafe.example")
            let sarah = try await demoBrowser(app, "sarah@hartleys-bakery.example")
            let luciaElsewhere = try await demoBrowser(app, "lucia@cornercafe.example")
            let luciasHome = try await lucia.get("/").body.string
            let sarahsHome = try await sarah.get("/")
            XCTAssertGreaterThan(queries(sarahsHome), 1, "made for Sarah")
            XCTAssertNotEqual(sarahsHome.body.string, luciasHome)
            let other = try await luciaElsewhere.get("/")
            XCTAssertGreaterThan(queries(other), 1, "made for the other session")
            XCTAssertTrue(other.body.string.contains(try XCTUnwrap(luciaElsewhere.lastCSRF)), "with that session's form token")
            XCTAssertFalse(other.body.string.contains(try XCTUnwrap(lucia.lastCSRF)))
        }
    }

    func testASignedOutSessionGetsNoKeptPage() async throws {
        try await withApp { world in
            _ = try await DemoSeed.run(app: world.app)
            let member = try await demoBrowser(world.app, "lucia@cornercafe.example")
            let cookies = member.cookies
            _ = try await member.get("/actions")
            _ = try await member.post(SiteURL.signOut.path)
            member.cookies = cookies  // the old session's cookie, sent again
            let after = try await member.get("/actions")
            XCTAssertEqual(after.status, .seeOther, "sent to sign in")
        }
    }

    func testAPageIsKeptAMinuteAtMostAndSessionTouchesDoNotMoveTheMark() async throws {
        try await withApp { world in
            let app = world.app
            _ = try await DemoSeed.run(app: app)
            let member = try await demoBrowser(app, "lucia@cornercafe.example")
            _ = try await member.get("/actions")
            let before = try await mark(app)
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE web_sessions SET user_agent = user_agent").run()
            let after = try await mark(app)
            XCTAssertEqual(after, before, "a session seen again changes no page")
            world.time.advance(by: 30)
            let kept = try await member.get("/actions")
            XCTAssertEqual(queries(kept), 1, "kept")
            world.time.advance(by: 31)
            let old = try await member.get("/actions")
            XCTAssertGreaterThan(queries(old), 1, "a minute old: made again")
        }
    }

    /// The settings a server read last stand in for a read only at the same page mark: a setting another server
    /// changed (here raw SQL) is obeyed at the next request.
    func testSettingsChangedElsewhereAreObeyedAtOnce() async throws {
        try await withApp { world in
            let app = world.app
            _ = try await DemoSeed.run(app: app)
            let member = try await demoBrowser(app, "lucia@cornercafe.example")
            _ = try await member.get("/actions")
            let kept = try await member.get("/actions")
            XCTAssertEqual(queries(kept), 1, "settings not read again")
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE instance_settings SET value = '5' WHERE key = 'session_idle_minutes'").run()
            world.time.advance(by: 6 * 60)
            let after = try await member.get("/actions")
            XCTAssertEqual(after.status, .seeOther, "signed out after five idle minutes, not thirty")
        }
    }

    func testAOneTimeMessageIsNeverKept() async throws {
        try await withApp { world in
            _ = try await DemoSeed.run(app: world.app)
            let member = try await demoBrowser(world.app, "lucia@cornercafe.example")
            _ = try await member.get("/actions")
            member.cookies[Flash.cookieName] = "flash.action-saved"
            let flashed = try await member.get("/actions")
            XCTAssertGreaterThan(queries(flashed), 1)
            XCTAssertTrue(flashed.body.string.contains("class=\"flash\""))
            let next = try await member.get("/actions")
            XCTAssertFalse(next.body.string.contains("class=\"flash\""), "the message once only")
        }
    }

    func testOffWhenTheOperatorSaysSo() async throws {
        try await withApp { world in
            world.app.pageCache = nil
            _ = try await DemoSeed.run(app: world.app)
            let member = try await demoBrowser(world.app, "lucia@cornercafe.example")
            _ = try await member.get("/actions")
            let again = try await member.get("/actions")
            XCTAssertGreaterThan(queries(again), 1, "made again")
        }
        XCTAssertEqual(ShieldwallConfiguration.fromEnvironment(["SHIELDWALL_PAGE_CACHE_MB": "0"]).pageCacheMegabytes, 0)
        XCTAssertEqual(ShieldwallConfiguration.environmentProblems(["SHIELDWALL_PAGE_CACHE_MB": "lots"]).count, 1)
    }

    /// What is kept: only 200 HTML answers without cookies, no page over a sixteenth of the budget, never more than the
    /// budget, nothing from an older mark.
    func testWhatIsKeptAndHowMuch() throws {
        let cache = PageCache(budget: 1_600), now = Date(timeIntervalSince1970: 1_800_000_000)
        func page(_ bytes: Int, status: HTTPResponseStatus = .ok, type: HTTPMediaType = .html, cookie: Bool = false) -> Response {
            let response = Response(status: status, body: .init(string: String(repeating: "x", count: bytes)))
            response.headers.contentType = type
            if cookie { response.cookies["sw_flash"] = HTTPCookies.Value(string: "x") }
            return response
        }
        func key(_ n: Int) -> SHA256Digest { SHA256.hash(data: Data("page \(n)".utf8)) }
        cache.store(page(50, status: .notFound), for: key(1), stamp: "a", now: now)
        cache.store(page(50, type: .json), for: key(2), stamp: "a", now: now)
        cache.store(page(50, cookie: true), for: key(3), stamp: "a", now: now)
        cache.store(page(101), for: key(4), stamp: "a", now: now)
        for n in 1...4 { XCTAssertNil(cache.get(key(n), stamp: "a", now: now), "page \(n) is not kept") }
        for n in 10..<26 { cache.store(page(100), for: key(n), stamp: "a", now: now) }
        XCTAssertNotNil(cache.get(key(25), stamp: "a", now: now))
        XCTAssertEqual((10..<26).filter { cache.get(key($0), stamp: "a", now: now) != nil }.count, 16, "1,600 bytes: sixteen pages of 100")
        cache.store(page(100), for: key(26), stamp: "a", now: now)
        XCTAssertEqual((10..<27).filter { cache.get(key($0), stamp: "a", now: now) != nil }.count, 1, "full: emptied, then the new page kept")
        XCTAssertNil(cache.get(key(26), stamp: "b", now: now), "another mark")
        XCTAssertNil(cache.get(key(26), stamp: "a", now: now.addingTimeInterval(60)), "a minute old")
    }

    /// Every table is watched, and a write to any row of it moves the mark (after the demo's seeding, every table that
    /// has a row is written once).
    func testAWriteToAnyTableMovesTheMark() async throws {
        try await withApp { world in
            let app = world.app
            _ = try await DemoSeed.run(app: app)
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let unwatched = try await PageDataTriggers.unwatchedTables(on: sql)
            XCTAssertEqual(unwatched, [], "a migration added a table and did not call watchNewTables")
            let sqlite = sql.dialect.name == "sqlite"
            let tables = try await sql.raw(sqlite
                ? "SELECT DISTINCT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'page\\_data\\_%' ESCAPE '\\'"
                : "SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'page\\_data\\_%'")
                .all().map { try $0.decode(column: "name", as: String.self) }
            XCTAssertGreaterThan(tables.count, 40)
            var written = 0
            for table in tables.sorted() where table != "web_sessions" {
                let column = try await sql.raw(sqlite
                    ? "SELECT name FROM pragma_table_info(\(bind: table)) ORDER BY cid LIMIT 1"
                    : "SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table) AND table_schema = current_schema() ORDER BY ordinal_position LIMIT 1")
                    .first().map { try $0.decode(column: "name", as: String.self) }
                let name = try XCTUnwrap(column, table)
                let rows = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
                guard rows > 0, table != InstanceSetting.schema else { continue }
                let before = try await mark(app)
                try await sql.raw("UPDATE \(ident: table) SET \(ident: name) = \(ident: name)").run()
                let after = try await mark(app)
                XCTAssertNotEqual(after, before, "a write to \(table) left the mark")
                written += 1
            }
            XCTAssertGreaterThan(written, 30, "the demo fills most tables")
            let before = try await mark(app)
            try await InstanceSettings().save(on: app.db)
            let after = try await mark(app)
            XCTAssertNotEqual(after, before, "the operator's settings")
        }
    }
}
