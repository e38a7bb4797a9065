import Fluent
import SQLKit
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Migration 009 on rows the 008 schema wrote: every blocklist and calendar address people hold keeps working,
/// and each opens only what it was made for.
final class MergeFeedTokensTests: XCTestCase {
    func testAddressesMadeBeforeTheMergeKeepWorkingAndOpenOnlyTheirOwnFeed() async throws {
        try await withApp(migratedBefore: "009_MergeFeedTokens") { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let facilitator = try await Seed.person(app, email: "fran@bakery.example", organisation: firm, role: .admin)
            let community = try await Seed.community(app, facilitator: facilitator, firms: [firm])
            _ = try await Seed.event(app, in: community, title: "Monthly webinar")
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let blocklist = SecretToken.generate(), calendar = SecretToken.generate()
            // As the code before 009 wrote them: one table each.
            try await sql.insert(into: "feed_tokens").columns("id", "community_id", "person_id", "token_digest", "created_at")
                .values(SQLBind(UUID()), SQLBind(try community.requireID()), SQLBind(try facilitator.requireID()),
                        SQLBind(blocklist.digest), SQLBind(world.time.now)).run()
            try await sql.insert(into: "calendar_tokens").columns("id", "community_id", "person_id", "token_digest", "created_at")
                .values(SQLBind(UUID()), SQLBind(try community.requireID()), SQLBind(try facilitator.requireID()),
                        SQLBind(calendar.digest), SQLBind(world.time.now)).run()

            try await app.autoMigrate()

            let tokens = try await FeedToken.query(on: app.db).all()
            XCTAssertEqual(Set(tokens.map(\.purpose)), [.blocklist, .calendar])
            let client = try app.testable()
            let list = try await client.sendRequest(.GET, SiteURL.blocklistFeed(blocklist.value).path)
            XCTAssertEqual(list.status, .ok)
            let ics = try await client.sendRequest(.GET, SiteURL.calendarFeed(calendar.value + ".ics").path)
            XCTAssertEqual(ics.status, .ok)
            XCTAssertTrue(ics.body.string.contains("SUMMARY:Monthly webinar"), ics.body.string)
            // A calendar address does not open the blocklist, nor a blocklist address the calendar.
            let crossed = try await client.sendRequest(.GET, SiteURL.blocklistFeed(calendar.value).path)
            XCTAssertEqual(crossed.status, .notFound)
            let crossedBack = try await client.sendRequest(.GET, SiteURL.calendarFeed(blocklist.value + ".ics").path)
            XCTAssertEqual(crossedBack.status, .notFound)
        }
    }
}
