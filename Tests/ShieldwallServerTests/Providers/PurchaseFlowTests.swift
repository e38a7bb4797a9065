import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A member proposes a group purchase, firms register their numbers (one figure per firm, zero withdraws), the page
/// shows the total; after the deadline no more interest is taken; the organiser posts the outcome.
final class PurchaseFlowTests: XCTestCase {
    func testFirmsRegisterTheirNumbersAndTheOrganiserPostsTheOutcome() async throws {
        try await withApp { world in
            let app = world.app
            let a = try await Seed.organisation(app, name: "Hartley's Bakery"), b = try await Seed.organisation(app, name: "Corner Books")
            let adminA = try await Seed.person(app, email: "owner@bakery.example", organisation: a, role: .admin)
            let adminB = try await Seed.person(app, email: "owner@books.example", organisation: b, role: .admin)
            let facilitator = try await Seed.person(app, email: "fac@experts.example")
            let community = try await Seed.community(app, facilitator: facilitator, firms: [a, b])
            for person in [adminA, adminB] { try await Seed.acceptCharter(app, community, by: person) }
            let organiser = try await TestBrowser.signedIn(app, adminA.email), other = try await TestBrowser.signedIn(app, adminB.email)

            try await organiser.get(SiteURL.communityPurchases(community.slug).path)
            let bad = try await organiser.post(SiteURL.communityPurchases(community.slug).path, ["title": "", "deadline": "31/12/2026"])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("YYYY-MM-DD"), "the date field says how to write it")
            expectEqual(try await Purchase.query(on: app.db).count(), 0)
            let deadline = PurchaseActions.dayFormatter.string(from: world.time.now.addingTimeInterval(14 * 86400))
            let proposed = try await organiser.post(SiteURL.communityPurchases(community.slug).path, [
                "title": "A password manager for our firms", "unit": "licences", "deadline": deadline,
                "details": "Business plan, **3 € a licence** from 20 licences.",
            ])
            XCTAssertEqual(proposed.status, .seeOther)
            let path = try XCTUnwrap(proposed.location)

            try await organiser.post(path + "/interest", ["quantity": "6"])
            try await other.get(path)
            try await other.post(path + "/interest", ["quantity": "4"])
            try await other.post(path + "/interest", ["quantity": "9"])
            var page = try await other.get(path)
            XCTAssertTrue(page.body.string.contains("2 firms, 15 licences"), "one figure per firm, the latest")
            XCTAssertTrue(page.body.string.contains("<strong>3 € a licence</strong>"), "details are markdown")
            try await other.post(path + "/interest", ["quantity": "0"])
            page = try await other.get(path)
            XCTAssertTrue(page.body.string.contains("1 firms, 6 licences"), "zero withdraws")

            world.time.advance(by: 15 * 86400)
            try await other.signIn(adminB.email)  // a day idle ends a session
            try await organiser.signIn(adminA.email)
            try await other.get(path)
            let late = try await other.post(path + "/interest", ["quantity": "3"])
            XCTAssertEqual(late.status, .conflict, "past the deadline")
            let list = try await other.get(SiteURL.communityPurchases(community.slug).path)
            XCTAssertTrue(list.body.string.contains("closed, outcome to come"))
            let notOrganiser = try await other.post(path + "/outcome", ["outcome": "We bought it."])
            XCTAssertEqual(notOrganiser.status, .forbidden)
            try await organiser.get(path)
            let decided = try await organiser.post(path + "/outcome", ["outcome": "Bought 20 licences at 3 € each; invitations went out today."])
            XCTAssertEqual(decided.status, .seeOther)
            page = try await other.get(path)
            XCTAssertTrue(page.body.string.contains("invitations went out today"))
            XCTAssertFalse(page.body.string.contains("purchase-decide"), "posted once")
        }
    }
}
