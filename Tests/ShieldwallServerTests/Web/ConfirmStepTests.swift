import Fluent
import Foundation
import XCTVapor
@testable import ShieldwallServer

/// Destructive actions ask first, on a page of their own, and moderation sits behind "More" only where it makes sense.
final class ConfirmStepTests: XCTestCase {
    func testRemovingAFirmAsksFirstAndHerOwnFirmHasNoRemove() async throws {
        try await withApp { world in
            let app = world.app
            let own = try await Seed.organisation(app, name: "Moss Guesthouse")
            let other = try await Seed.organisation(app, name: "Kirk Fasteners")
            let facilitator = try await Seed.person(app, email: "elaine@moss.example", organisation: own, role: .admin)
            let community = try await Seed.community(app, facilitator: facilitator, firms: [own, other])
            let browser = TestBrowser(app)
            try await browser.signIn(facilitator.email)
            let page = try await browser.get(SiteURL.community(community.slug).path).body.string
            let statusPath = SiteURL.communityOrganisationStatus(community.slug, try other.requireID()).path
            let ownStatusPath = SiteURL.communityOrganisationStatus(community.slug, try own.requireID()).path
            XCTAssertTrue(page.contains("<details class=\"more\"><summary>More</summary>"), "moderation is folded behind More")
            XCTAssertTrue(page.contains("value=\"\(statusPath)\""), "the other firm can be removed, through the confirmation page")
            XCTAssertFalse(page.contains(ownStatusPath), "no Suspend or Remove on her own firm's row")
            XCTAssertFalse(page.contains("name=\"status\" value=\"former\""), "no button removes at once")

            let ask = try await browser.post(SiteURL.confirm.path, ["kind": "remove-firm", "action": statusPath, "name": "Kirk Fasteners",
                                                                    "back": SiteURL.community(community.slug).path, "field.status": "former"])
            XCTAssertEqual(ask.status, .ok)
            let question = ask.body.string
            XCTAssertTrue(question.contains("Remove Kirk Fasteners from the community?"))
            XCTAssertTrue(question.contains("action=\"\(statusPath)\""))
            XCTAssertTrue(question.contains("name=\"status\" value=\"former\""))
            XCTAssertTrue(question.contains("href=\"\(SiteURL.community(community.slug).path)\""), "No, go back leads to the page she came from")
            let still = try await CommunityOrganisation.query(on: app.db).filter(\.$organisation.$id == other.requireID()).first()
            XCTAssertEqual(still?.status, .active, "asking changes nothing")

            let done = try await browser.post(statusPath, ["status": "former"])
            XCTAssertEqual(done.status, .seeOther)
            let gone = try await CommunityOrganisation.query(on: app.db).filter(\.$organisation.$id == other.requireID()).first()
            XCTAssertEqual(gone?.status, .former)
        }
    }

    func testAConfirmationOnlyLeadsToOurOwnAddressesWithOurOwnQuestions() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let person = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn(person.email)
            for (form, why) in [(["kind": "format-disk", "action": "/account"], "a question we do not have"),
                                (["kind": "delete-reply", "action": "//evil.example/steal"], "another site"),
                                (["kind": "delete-reply", "action": "https://evil.example/"], "an absolute address"),
                                (["kind": "delete-reply", "action": "/posts/x delete"], "a space"),
                                (["kind": "delete-reply", "action": "/account", "name": String(repeating: "x", count: 201)], "a long name")] {
                let response = try await browser.post(SiteURL.confirm.path, form)
                XCTAssertEqual(response.status, .badRequest, why)
            }
            let outside = TestBrowser(app)
            let noToken = try await outside.post(SiteURL.confirm.path, ["kind": "delete-reply", "action": "/account"], csrf: "forged")
            XCTAssertEqual(noToken.status, .forbidden, "another site cannot show our confirmation page")
        }
    }
}
