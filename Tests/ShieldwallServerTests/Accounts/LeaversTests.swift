import Fluent
import XCTVapor
@testable import ShieldwallServer

final class LeaversTests: XCTestCase {
    func testAnAdminRemovesALeaverEverywhereAtOnce() async throws {
        try await withApp { world in
            let app = world.app
            let org = try await Seed.organisation(app)
            try await Seed.person(app, email: "sarah@bakery.example", organisation: org, role: .admin)
            let tom = try await Seed.person(app, email: "tom@bakery.example", name: "Tom", organisation: org, role: .staff)
            let token = try await Seed.token(app, for: tom)
            let tomBrowser = TestBrowser(app)
            try await tomBrowser.signIn("tom@bakery.example")
            let sarah = TestBrowser(app)
            try await sarah.signIn("sarah@bakery.example")
            let orgPath = SiteURL.organisation(try org.requireID()).path
            try await sarah.get(orgPath)
            let selfRemoval = try await sarah.post(SiteURL.organisationPersonDeactivate(try org.requireID(), try Person.query(on: app.db)
                .filter(\.$email == "sarah@bakery.example").firstOrFail().requireID()).path)
            XCTAssertEqual(selfRemoval.status, .unprocessableEntity)
            XCTAssertTrue(selfRemoval.body.string.contains("You cannot remove yourself"))

            let removed = try await sarah.post(SiteURL.organisationPersonDeactivate(try org.requireID(), try tom.requireID()).path)
            XCTAssertEqual(removed.status, .seeOther)
            let tomPage = try await tomBrowser.get(SiteURL.account.path)
            XCTAssertEqual(tomPage.status, .seeOther, "signed out at once")
            let again = try await TestBrowser(app).signIn("tom@bakery.example")
            XCTAssertEqual(again.status, .unauthorized, "cannot sign in any more")
            let api = try await app.api(.GET, "/me", token: token)
            XCTAssertEqual(api.status, .unauthorized, "tokens no longer work")
            let page = try await sarah.get(orgPath)
            XCTAssertTrue(page.body.string.contains("left the organisation"))
            let audit = try await sarah.get(SiteURL.organisationAudit(try org.requireID()).path)
            XCTAssertTrue(audit.body.string.contains("Person removed (left the firm)"))
        }
    }

    func testEveryOrganisationKeepsAnAdmin() async throws {
        try await withApp { world in
            let app = world.app
            let org = try await Seed.organisation(app)
            let sarah = try await Seed.person(app, email: "sarah@bakery.example", organisation: org, role: .admin)
            let tom = try await Seed.person(app, email: "tom@bakery.example", organisation: org, role: .staff)
            let browser = TestBrowser(app)
            try await browser.signIn("sarah@bakery.example")
            try await browser.get(SiteURL.organisation(try org.requireID()).path)
            let demote = try await browser.post(SiteURL.organisationPersonRole(try org.requireID(), try sarah.requireID()).path, ["role": "staff"])
            XCTAssertEqual(demote.status, .unprocessableEntity)
            XCTAssertTrue(demote.body.string.contains("at least one admin"))
            let promote = try await browser.post(SiteURL.organisationPersonRole(try org.requireID(), try tom.requireID()).path, ["role": "admin"])
            XCTAssertEqual(promote.status, .seeOther)
            try await browser.get(SiteURL.organisation(try org.requireID()).path)
            let nowOk = try await browser.post(SiteURL.organisationPersonRole(try org.requireID(), try sarah.requireID()).path, ["role": "staff"])
            XCTAssertEqual(nowOk.status, .seeOther)
            let stranger = try await browser.post(SiteURL.organisationPersonRole(try org.requireID(), UUID()).path, ["role": "staff"])
            XCTAssertEqual(stranger.status, .notFound, "sarah is staff now: the page is not hers to manage")
        }
    }
}
