import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

typealias TOTP = ShieldwallCore.TOTP

final class SecondFactorTests: XCTestCase {
    /// Enrols through the pages as a person would and returns the secret they typed into their app.
    func enrol(_ browser: TestBrowser) async throws -> TOTP {
        try await browser.get(SiteURL.accountMFA.path)
        let start = try await browser.post(SiteURL.accountMFAStart.path, ["current_password": Seed.password])
        XCTAssertEqual(start.status, .ok)
        let shown = try XCTUnwrap(start.text(ofID: "totp-secret"))
        XCTAssertTrue(start.body.string.contains("otpauth://totp/Shieldwall:"))
        return TOTP(secret: try XCTUnwrap(Base32.decode(shown)))
    }

    func testEnrolSignInWithCodeAndRefuseReplay() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let browser = TestBrowser(world.app)
            try await browser.signIn("ann@shop.example")
            let totp = try await enrol(browser)
            let wrong = try await browser.post(SiteURL.accountMFAConfirm.path, ["code": "000000"])
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            XCTAssertTrue(wrong.body.string.contains("That code is not right"))
            let confirmed = try await browser.post(SiteURL.accountMFAConfirm.path, ["code": totp.code(step: TOTP.step(at: world.time.now))])
            XCTAssertEqual(confirmed.status, .ok)
            XCTAssertEqual(confirmed.body.string.components(separatedBy: "<li><code>").count - 1, 10, "ten recovery codes")

            try await browser.post(SiteURL.signOut.path)
            world.time.advance(by: 30)
            let password = try await browser.signIn("ann@shop.example")
            XCTAssertEqual(password.location, "/sign-in/code?next=%2F")
            let notYet = try await browser.get(SiteURL.account.path)
            XCTAssertEqual(notYet.status, .seeOther, "a password alone does not open pages")

            let code = totp.code(step: TOTP.step(at: world.time.now))
            try await browser.get(SiteURL.signInCode.path)
            let ok = try await browser.post(SiteURL.signInCode.path + "?next=%2F", ["code": code])
            XCTAssertEqual(ok.status, .seeOther)
            let account = try await browser.get(SiteURL.account.path)
            XCTAssertEqual(account.status, .ok)

            // The same code again, from another browser with the password: refused.
            let thief = TestBrowser(world.app)
            try await thief.signIn("ann@shop.example")
            try await thief.get(SiteURL.signInCode.path)
            let replay = try await thief.post(SiteURL.signInCode.path, ["code": code])
            XCTAssertEqual(replay.status, .unauthorized)
            XCTAssertTrue(replay.body.string.contains("already used"))
            // A stale code (two minutes old) is refused too.
            world.time.advance(by: 120)
            let stale = try await thief.post(SiteURL.signInCode.path, ["code": totp.code(step: TOTP.step(at: world.time.now) - 3)])
            XCTAssertEqual(stale.status, .unauthorized)
        }
    }

    func testRecoveryCodeWorksOnceInPlaceOfTheApp() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let browser = TestBrowser(world.app)
            try await browser.signIn("ann@shop.example")
            let totp = try await enrol(browser)
            let confirmed = try await browser.post(SiteURL.accountMFAConfirm.path, ["code": totp.code(step: TOTP.step(at: world.time.now))])
            let body = confirmed.body.string
            let start = try XCTUnwrap(body.range(of: "<li><code>"))
            let recovery = String(body[start.upperBound...].prefix(11))
            try await browser.post(SiteURL.signOut.path)

            try await browser.signIn("ann@shop.example")
            try await browser.get(SiteURL.signInCode.path)
            let used = try await browser.post(SiteURL.signInCode.path, ["code": recovery.uppercased()])
            XCTAssertEqual(used.status, .seeOther)
            let page = try await browser.get(SiteURL.accountMFA.path)
            XCTAssertTrue(page.body.string.contains("You have 9 unused recovery codes."))
            try await browser.post(SiteURL.signOut.path)

            try await browser.signIn("ann@shop.example")
            try await browser.get(SiteURL.signInCode.path)
            let twice = try await browser.post(SiteURL.signInCode.path, ["code": recovery])
            XCTAssertEqual(twice.status, .unauthorized)
        }
    }

    func testAdminRequiresASecondFactorForAllStaff() async throws {
        try await withApp { world in
            let org = try await Seed.organisation(world.app)
            try await Seed.person(world.app, email: "sarah@bakery.example", organisation: org, role: .admin)
            try await Seed.person(world.app, email: "tom@bakery.example", organisation: org, role: .staff)
            let sarah = TestBrowser(world.app)
            try await sarah.signIn("sarah@bakery.example")
            try await sarah.get(SiteURL.organisation(try org.requireID()).path)
            let saved = try await sarah.post(SiteURL.organisationSettings(try org.requireID()).path, [
                "name": org.name, "staff_count": "6", "sector": "Food", "region": "Leeds", "require_mfa": "true"])
            XCTAssertEqual(saved.status, .seeOther)

            let tom = TestBrowser(world.app)
            try await tom.signIn("tom@bakery.example")
            let home = try await tom.get("/")
            XCTAssertEqual(home.location, SiteURL.accountMFA.path)
            let orgPage = try await tom.get(SiteURL.organisation(try org.requireID()).path)
            XCTAssertEqual(orgPage.location, SiteURL.accountMFA.path, "nothing else until enrolled")
            let mfa = try await tom.get(SiteURL.accountMFA.path)
            XCTAssertTrue(mfa.body.string.contains("Your organisation requires a second factor"))
            let totp = try await enrol(tom)
            try await tom.post(SiteURL.accountMFAConfirm.path, ["code": totp.code(step: TOTP.step(at: world.time.now))])
            let after = try await tom.get(SiteURL.organisation(try org.requireID()).path)
            XCTAssertEqual(after.status, .ok)
            // And it cannot be switched off while the organisation requires it.
            try await tom.get(SiteURL.accountMFA.path)
            let off = try await tom.post(SiteURL.accountMFADisable.path, ["current_password": Seed.password])
            XCTAssertEqual(off.status, .unprocessableEntity)
            XCTAssertTrue(off.body.string.contains("cannot be turned off"))
            let audit = try await AuditEvent.query(on: world.app.db).filter(\.$kind == AuditKind.mfaRequirementChanged).count()
            XCTAssertEqual(audit, 1)
        }
    }
}
