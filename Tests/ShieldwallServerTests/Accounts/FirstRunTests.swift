import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A new firm's admin is led: each first step is a link on the home page until it ticks itself off, and the
/// communities that fit the firm are suggested.
final class FirstRunTests: XCTestCase {
    func testTheChecklistLeadsAndTicksItselfOff() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app, name: "Kirkgate Bakes")  // Food, Leeds
            let admin = try await Seed.person(app, email: "owner@kirkgate.example", name: "Kay Owner", organisation: firm, role: .admin)
            let facilitator = try await Seed.person(app, email: "fac@other.example", organisation: try await Seed.organisation(app, name: "Other"),
                                                    role: .admin)
            let fits = try await Seed.community(app, name: "Leeds Shops", facilitator: facilitator)
            _ = try await Seed.community(app, name: "Cornwall Surf Schools", facilitator: facilitator)
            let kay = TestBrowser(app)
            try await kay.signIn("owner@kirkgate.example")
            let first = try await kay.get("/")
            XCTAssertTrue(first.body.string.contains("4 of 4 first steps left"))
            XCTAssertTrue(first.body.string.contains(#"<a href="/account/mfa">Turn on the second sign-in step</a>"#), "steps are links")
            XCTAssertTrue(first.body.string.contains(">Leeds Shops</a>"), "a community of the firm's region is suggested")
            XCTAssertFalse(first.body.string.contains("Cornwall Surf Schools"))
            XCTAssertTrue(first.body.string.contains("as your firm&#39;s details say") || first.body.string.contains("as your firm's details say"),
                          "what the suggestions went by is said")
            XCTAssertTrue(first.body.string.contains(#"href="/organisations/\#(try firm.requireID())#settings""#), "with where to correct it")

            _ = try await Seed.person(app, email: "staff@kirkgate.example", organisation: firm, role: .staff)
            try await JoinRequest(communityID: try fits.requireID(), organisationID: try firm.requireID(), requestedByID: admin.id,
                                  reason: "We bake for Leeds shops.", createdAt: world.time.now).create(on: app.db)
            let later = try await kay.get("/")
            XCTAssertTrue(later.body.string.contains("2 of 4 first steps left"))
            XCTAssertTrue(later.body.string.contains("✓ Invite your staff"))
            XCTAssertFalse(later.body.string.contains("suggested-communities"), "asked already")

            let assessment = Assessment(organisationID: try firm.requireID(), bankVersion: "test", startedBy: admin.id, createdAt: world.time.now)
            assessment.status = .submitted
            try await assessment.create(on: app.db)
            admin.totpSecret = "JBSWY3DPEHPK3PXP"
            try await admin.update(on: app.db)
            let done = try await kay.get("/")
            XCTAssertFalse(done.body.string.contains("Getting started"), "gone once every step is done")

            let staff = TestBrowser(app)
            try await staff.signIn("staff@kirkgate.example")
            let staffHome = try await staff.get("/")
            XCTAssertTrue(staffHome.body.string.contains("2 of 2 first steps left"))
            XCTAssertTrue(staffHome.body.string.contains("Do the staff check-in"))
            XCTAssertFalse(staffHome.body.string.contains("Invite your staff"), "staff have their own short list")
        }
    }
}
