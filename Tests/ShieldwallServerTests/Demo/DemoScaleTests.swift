import Fluent
import Foundation
import XCTVapor
@testable import ShieldwallServer

/// `shieldwall demo --scale N` (issue #32): a unit holds what it promises, its people can use it, and the pages
/// of people whose world grew run the same number of queries as before (none per row or per community).
final class DemoScaleTests: XCTestCase {
    func testAScaledWorldHoldsAUnitAndPagesDoNotRunMoreQueriesForIt() async throws {
        try await withApp { world in
            let app = world.app
            _ = try await DemoSeed.run(app: app)
            let circle = "/communities/leeds-bradford-micro-business-circle"
            let expert = TestBrowser(app), member = TestBrowser(app)
            try await expert.signIn("fiona.grant@experts.example", password: DemoSeed.password)
            try await member.signIn("lucia@cornercafe.example", password: DemoSeed.password)
            let pages: [(TestBrowser, String)] = [
                (expert, "/"), (expert, "/questions/unanswered"), (expert, "/notifications"), (expert, circle + "/discussions"),
                (expert, circle + "/threats"), (member, "/"), (member, circle), (member, "/search?q=backups"),
            ]
            func queries() async throws -> [Int] {
                var counts: [Int] = []
                for (browser, path) in pages {
                    let response = try await browser.get(path)
                    XCTAssertEqual(response.status, .ok, path)
                    counts.append(Int(response.headers.first(name: QueryCountMiddleware.header) ?? "") ?? -1)
                }
                return counts
            }
            let before = try await queries()
            let demoIndicators = try await Indicator.query(on: app.db).count()
            let summary = try await DemoScale.seed(app: app, units: 1) { _ in }
            XCTAssertEqual(summary.communities, 2)
            XCTAssertEqual(summary.organisations, 20)
            XCTAssertEqual(summary.people, 80)
            XCTAssertEqual(summary.threads, 100)
            XCTAssertEqual(summary.posts, 49 * 10 + 200 + 50 * 10, "the first community's first thread has 200 replies")
            XCTAssertEqual(summary.reports, 200)
            XCTAssertEqual(summary.indicators, 10_000)
            XCTAssertEqual(summary.sightings, 1_000)
            XCTAssertEqual(summary.events, 26)
            XCTAssertEqual(summary.assessments, 100, "five for each of the 20 firms")
            let firstFirm = try await Organisation.query(on: app.db).filter(\.$name == "Scale Firm 1-1-1").first()?.id
            expectEqual(try await Assessment.query(on: app.db).filter(\.$status == .submitted).filter(\.$organisation.$id == (try XCTUnwrap(firstFirm)))
                .count(), 5)
            expectEqual(try await Indicator.query(on: app.db).count(), demoIndicators + summary.indicators)
            // The expert now serves two more communities: her pages run the queries they ran before.
            let after = try await queries()
            for (n, (_, path)) in pages.enumerated() { XCTAssertEqual(after[n], before[n], "queries on \(path)") }
            // A generated facilitator uses the generated community like any other.
            let facilitator = TestBrowser(app)
            try await facilitator.signIn("p1@firm-1-1-1.scale.example", password: DemoSeed.password)
            let home = try await facilitator.get("/communities/scale-circle-1-1")
            XCTAssertEqual(home.status, .ok)
            XCTAssertTrue(home.body.string.contains("Scale Circle 1-1"))
            let long = try await ConversationThread.query(on: app.db).filter(\.$replyCount == 200).first()
            let thread = try await facilitator.get(SiteURL.thread(try XCTUnwrap(long).requireID()).path)
            XCTAssertTrue(thread.body.string.contains("Reply 200: this is what worked for us."))
            let found = try await facilitator.get("/search?q=invoices")
            XCTAssertTrue(found.body.string.contains("How do we handle <mark>invoices</mark>"), "generated threads are in the search index")
        }
    }
}
