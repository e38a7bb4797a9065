import Fluent
import XCTVapor
@testable import ShieldwallServer

final class InvitationFlowTests: XCTestCase {
    /// The operator adds a firm and invites its admin; the admin opens the mailed link, sets a
    /// password and is signed in to the firm's page.
    func testOperatorAddsAFirmAndItsAdminJoins() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "op@shieldwall.example", isOperator: true)
            let op = TestBrowser(world.app)
            try await op.signIn("op@shieldwall.example")
            try await op.get(SiteURL.operatorOrganisations.path)
            let created = try await op.post(SiteURL.operatorOrganisations.path, [
                "name": "Wool & Weft", "staff_count": "3", "sector": "Retail", "region": "Halifax", "admin_email": "Megan@WoolAndWeft.example",
            ])
            XCTAssertEqual(created.status, .ok)
            XCTAssertTrue(created.body.string.contains("Wool &amp; Weft"))
            let link = try XCTUnwrap(created.text(ofID: "invitation-link"))
            XCTAssertEqual(world.mailer.sent.count, 1)
            XCTAssertEqual(world.mailer.sent.first?.to, "megan@woolandweft.example")
            XCTAssertTrue(world.mailer.sent.first?.body.contains(link) ?? false, "the mail carries the same link")

            let path = String(link.dropFirst("http://127.0.0.1:8080".count))
            let megan = TestBrowser(world.app)
            let page = try await megan.get(path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("join Wool &amp; Weft"))

            // Bad input first: nothing is created.
            let weak = try await megan.post(path, ["display_name": "Megan Clarke", "password": "password1234", "password_confirmation": "password1234"])
            XCTAssertEqual(weak.status, .unprocessableEntity)
            XCTAssertTrue(weak.body.string.contains("too common"))
            let mismatch = try await megan.post(path, ["display_name": "Megan Clarke", "password": "lantern otter river", "password_confirmation": "lantern otter rivers"])
            XCTAssertEqual(mismatch.status, .unprocessableEntity)
            XCTAssertTrue(mismatch.body.string.contains("not the same"))
            let tooLong = try await megan.post(path, ["display_name": String(repeating: "M", count: 101), "password": "lantern otter river", "password_confirmation": "lantern otter river"])
            XCTAssertTrue(tooLong.body.string.contains("At most 100 characters"))
            let count = try await Person.query(on: world.app.db).count()
            XCTAssertEqual(count, 1, "no half-made account")

            let joined = try await megan.post(path, ["display_name": "Megan Clarke", "password": "lantern otter river", "password_confirmation": "lantern otter river"])
            XCTAssertEqual(joined.status, .seeOther)
            let home = try await megan.get("/")
            XCTAssertTrue(home.body.string.contains("Welcome, Megan Clarke"))
            XCTAssertTrue(home.body.string.contains("Welcome to Shieldwall."), "a flash message greets her")
            let person = try await Person.query(on: world.app.db).filter(\.$email == "megan@woolandweft.example").first()
            XCTAssertEqual(person?.organisationRole, .admin)

            // The link is single-use.
            let again = try await TestBrowser(world.app).get(path)
            XCTAssertEqual(again.status, .gone)
            XCTAssertTrue(again.body.string.contains("already been used"))
        }
    }

    func testExpiredWithdrawnAndUnknownLinksSayWhy() async throws {
        try await withApp { world in
            let org = try await Seed.organisation(world.app)
            let admin = try await Seed.person(world.app, email: "sarah@bakery.example", organisation: org, role: .admin)
            let signedIn = try SignedIn(person: admin, organisation: org, sessionID: nil, stage: .full)
            let created = try await InvitationActions.create(email: "tom@bakery.example", kind: .organisation(try org.requireID(), .staff),
                                                             by: signedIn, ctx: ActionContext(world.app))
            let path = String(created.link.dropFirst("http://127.0.0.1:8080".count))
            world.time.advance(by: 7 * 24 * 3600 + 1)
            let expired = try await TestBrowser(world.app).get(path)
            XCTAssertEqual(expired.status, .gone)
            XCTAssertTrue(expired.body.string.contains("has expired"))
            let post = try await TestBrowser(world.app).post(path, ["display_name": "Tom", "password": "lantern otter river", "password_confirmation": "lantern otter river"])
            XCTAssertEqual(post.status, .gone)
            let people = try await Person.query(on: world.app.db).count()
            XCTAssertEqual(people, 1)

            let unknown = try await TestBrowser(world.app).get("/invitations/not-a-real-token")
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertTrue(unknown.body.string.contains("not valid"))
        }
    }

    func testAdminInvitesStaffButNotADuplicateOrMalformedAddress() async throws {
        try await withApp { world in
            let org = try await Seed.organisation(world.app)
            try await Seed.person(world.app, email: "sarah@bakery.example", organisation: org, role: .admin)
            let sarah = TestBrowser(world.app)
            try await sarah.signIn("sarah@bakery.example")
            let orgPath = SiteURL.organisation(try org.requireID()).path
            try await sarah.get(orgPath)
            let dup = try await sarah.post(SiteURL.organisationInvitations(try org.requireID()).path, ["email": "SARAH@bakery.example", "role": "staff"])
            XCTAssertEqual(dup.status, .unprocessableEntity)
            XCTAssertTrue(dup.body.string.contains("already has an account"), "e-mail uniqueness ignores case")
            let bad = try await sarah.post(SiteURL.organisationInvitations(try org.requireID()).path, ["email": "tom@bakery", "role": "staff"])
            XCTAssertTrue(bad.body.string.contains("does not look like an e-mail address"))
            let badRole = try await sarah.post(SiteURL.organisationInvitations(try org.requireID()).path, ["email": "tom@bakery.example", "role": "owner"])
            XCTAssertTrue(badRole.body.string.contains("Choose admin or staff"))
            let invitations = try await Invitation.query(on: world.app.db).count()
            XCTAssertEqual(invitations, 0)
            XCTAssertTrue(world.mailer.sent.isEmpty)

            let ok = try await sarah.post(SiteURL.organisationInvitations(try org.requireID()).path, ["email": "tom@bakery.example", "role": "staff"])
            XCTAssertEqual(ok.status, .ok)
            XCTAssertNotNil(ok.text(ofID: "invitation-link"))
            let page = try await sarah.get(orgPath)
            XCTAssertTrue(page.body.string.contains("tom@bakery.example"), "open invitations are listed")
            let audit = try await sarah.get(SiteURL.organisationAudit(try org.requireID()).path)
            XCTAssertTrue(audit.body.string.contains("Invitation sent"))
        }
    }

    func testOrganisationsOf250StaffOrMoreAreRefused() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "op@shieldwall.example", isOperator: true)
            let op = TestBrowser(world.app)
            try await op.signIn("op@shieldwall.example")
            let big = try await op.post(SiteURL.operatorOrganisations.path, [
                "name": "Megacorp", "staff_count": "250", "sector": "Retail", "region": "London", "admin_email": "ceo@megacorp.example",
            ])
            XCTAssertEqual(big.status, .unprocessableEntity)
            XCTAssertTrue(big.body.string.contains("at most 249 staff"))
            let notNumber = try await op.post(SiteURL.operatorOrganisations.path, [
                "name": "Shop", "staff_count": "ten", "sector": "Retail", "region": "Leeds", "admin_email": "a@shop.example",
            ])
            XCTAssertTrue(notNumber.body.string.contains("whole number"))
            let orgs = try await Organisation.query(on: world.app.db).count()
            XCTAssertEqual(orgs, 0)
            XCTAssertTrue(world.mailer.sent.isEmpty)
        }
    }
}
