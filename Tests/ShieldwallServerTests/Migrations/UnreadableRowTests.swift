import Fluent
import SQLKit
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A stored kind or status that is none of its type's cases (written by hand, or by a newer Shieldwall) is an
/// error naming the table, the row and the value: never shown as some other kind.
final class UnreadableRowTests: XCTestCase {
    func testARowWithAnUnknownKindIsAnErrorThatNamesIt() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let facilitator = try await Seed.person(app, email: "fran@bakery.example", organisation: firm, role: .admin)
            let community = try await Seed.community(app, facilitator: facilitator, firms: [firm])
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.update("communities").set("kind", to: "guild").where("id", .equal, try community.requireID()).run()
            do {
                _ = try await Community.query(on: app.db).all()
                XCTFail("a community of an unknown kind was read")
            } catch let error as UnreadableRow {
                XCTAssertEqual(error.description, "communities row \(try community.requireID().uuidString): kind holds 'guild', "
                               + "which is none of sector, region, supply_chain, city_chapter")
            }
            // Through a page: a clear 500, never a page that shows the community as some other kind.
            let browser = TestBrowser(app)
            _ = try await browser.signIn("fran@bakery.example")
            let page = try await browser.get(SiteURL.communities.path)
            XCTAssertEqual(page.status, .internalServerError)
            XCTAssertFalse(page.body.string.contains(community.name))
        }
    }

    func testStoredNamesAreWhatTextShows() {
        XCTAssertEqual("\(Community.Kind.supplyChain)", "supply_chain", "a catalogue key built from a kind uses its stored name")
        XCTAssertEqual("\(PlanAction.Status.notApplicable)", "not-applicable")
        XCTAssertEqual("\(TLP.amberStrict)", "amber+strict")
    }
}
