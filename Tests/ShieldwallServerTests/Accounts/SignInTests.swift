import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

final class SignInTests: XCTestCase {
    func testWrongPasswordIsRefusedAndLogged() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let browser = TestBrowser(world.app)
            let wrong = try await browser.signIn("ann@shop.example", password: "not the password")
            XCTAssertEqual(wrong.status, .unauthorized)
            XCTAssertTrue(wrong.body.string.contains("The e-mail address or password is not right."))
            XCTAssertNil(browser.cookies[WebSessionMiddleware.sessionCookie])
            let unknown = try await browser.signIn("nobody@shop.example")
            XCTAssertEqual(unknown.status, .unauthorized, "unknown addresses get the same answer")
            let failures = try await AuditEvent.query(on: world.app.db).filter(\.$kind == AuditKind.signInFailed).count()
            XCTAssertEqual(failures, 2)
            let ok = try await browser.signIn("ANN@shop.example")
            XCTAssertEqual(ok.status, .seeOther, "addresses are case-insensitive")
            XCTAssertEqual(ok.location, "/")
        }
    }

    func testThrottlesAfterSixFailuresAMinuteFromOneAddress() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let browser = TestBrowser(world.app)
            for _ in 0..<6 { try await browser.signIn("ann@shop.example", password: "guess guess guess") }
            let refused = try await browser.signIn("ann@shop.example")
            XCTAssertEqual(refused.status, .tooManyRequests, "even the right password waits")
            XCTAssertTrue(refused.body.string.contains("Too many failed sign-in attempts from your address. Try again in 1 minute."))
            XCTAssertNotNil(refused.headers.first(name: "Retry-After"))
            world.time.advance(by: 61)
            let later = try await browser.signIn("ann@shop.example")
            XCTAssertEqual(later.status, .seeOther)
        }
    }

    func testSessionCookieIsHttpOnlyLaxAndRotatedAtSignIn() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let browser = TestBrowser(world.app)
            // A session planted before sign-in (session fixation) does not survive it.
            try await browser.signIn("ann@shop.example")
            let first = try XCTUnwrap(browser.cookies[WebSessionMiddleware.sessionCookie])
            try await browser.post(SiteURL.signOut.path)
            browser.cookies[WebSessionMiddleware.sessionCookie] = first
            let response = try await browser.signIn("ann@shop.example")
            let header = try XCTUnwrap(response.headers[.setCookie].first { $0.hasPrefix("sw_session=") })
            XCTAssertTrue(header.contains("HttpOnly"))
            XCTAssertTrue(header.contains("SameSite=Lax"))
            XCTAssertFalse(header.contains("Secure"), "plain http base URL")
            XCTAssertNotEqual(browser.cookies[WebSessionMiddleware.sessionCookie], first)
            let sessions = try await WebSession.query(on: world.app.db).count()
            XCTAssertEqual(sessions, 1)
            let stored = try await WebSession.query(on: world.app.db).first()
            XCTAssertNotEqual(stored?.tokenDigest, browser.cookies[WebSessionMiddleware.sessionCookie], "only the digest is stored")
        }
        try await withApp(baseURL: "https://shieldwall.example") { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let response = try await TestBrowser(world.app).signIn("ann@shop.example")
            let header = try XCTUnwrap(response.headers[.setCookie].first { $0.hasPrefix("sw_session=") })
            XCTAssertTrue(header.contains("Secure"))
            XCTAssertEqual(response.headers.first(name: "Strict-Transport-Security"), "max-age=31536000")
        }
    }

    func testSessionsExpireWhenIdleAndAfterTwelveHours() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example", name: "Ann")
            let browser = TestBrowser(world.app)
            try await browser.signIn("ann@shop.example")
            world.time.advance(by: 29 * 60)
            let stillIn = try await browser.get(SiteURL.account.path)
            XCTAssertEqual(stillIn.status, .ok)
            world.time.advance(by: 31 * 60)
            let idle = try await browser.get(SiteURL.account.path)
            XCTAssertEqual(idle.status, .seeOther)
            XCTAssertEqual(idle.location, "/sign-in?next=/account")

            try await browser.signIn("ann@shop.example")
            for _ in 0..<25 {
                world.time.advance(by: 29 * 60)
                try await browser.get(SiteURL.account.path)
            }
            let absolute = try await browser.get(SiteURL.account.path)
            XCTAssertEqual(absolute.status, .seeOther, "12 hours is the limit even when active")
        }
    }

    func testSignOutEverywhereEndsOtherBrowsers() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let laptop = TestBrowser(world.app), phone = TestBrowser(world.app)
            phone.userAgent = "Phone/1.0"
            try await laptop.signIn("ann@shop.example")
            try await phone.signIn("ann@shop.example")
            let list = try await laptop.get(SiteURL.accountSessions.path)
            XCTAssertTrue(list.body.string.contains("Phone/1.0"))
            XCTAssertTrue(list.body.string.contains("this browser"))
            try await laptop.post(SiteURL.accountSignOutEverywhere.path)
            let phonePage = try await phone.get(SiteURL.account.path)
            XCTAssertEqual(phonePage.status, .seeOther)
            let laptopPage = try await laptop.get(SiteURL.account.path)
            XCTAssertEqual(laptopPage.status, .seeOther)
        }
    }

    func testFormsWithoutTheRightTokenAreRefused() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let browser = TestBrowser(world.app)
            let missing = try await browser.post(SiteURL.signIn.path, ["email": "ann@shop.example", "password": Seed.password], csrf: "")
            XCTAssertEqual(missing.status, .forbidden)
            XCTAssertTrue(missing.body.string.contains("This form has expired"))
            try await browser.signIn("ann@shop.example")
            let forged = try await browser.post(SiteURL.accountSignOutEverywhere.path, csrf: String(repeating: "x", count: 43))
            XCTAssertEqual(forged.status, .forbidden)
            let sessions = try await WebSession.query(on: world.app.db).count()
            XCTAssertEqual(sessions, 1, "the forged request changed nothing")
        }
    }

    func testEveryResponseCarriesSecurityHeaders() async throws {
        try await withApp { world in
            for path in ["/", "/sign-in", "/nope", "/api/v1/me", "/healthz"] {
                let response = try await TestBrowser(world.app).get(path)
                XCTAssertEqual(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'"), true, path)
                XCTAssertEqual(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'"), true, path)
                XCTAssertEqual(response.headers.first(name: "X-Content-Type-Options"), "nosniff", path)
                XCTAssertEqual(response.headers.first(name: "Referrer-Policy"), "same-origin", path)
            }
        }
    }

    func testChangingThePasswordAsksForTheCurrentOneAndSignsOutOtherDevices() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example", name: "Ann Baker")
            let laptop = TestBrowser(world.app), phone = TestBrowser(world.app)
            try await laptop.signIn("ann@shop.example")
            try await phone.signIn("ann@shop.example")
            try await laptop.get(SiteURL.account.path)
            let wrong = try await laptop.post(SiteURL.accountPassword.path, [
                "current_password": "wrong wrong wrong", "new_password": "lantern otter river", "new_password_confirmation": "lantern otter river"])
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            XCTAssertTrue(wrong.body.string.contains("Your current password is not right."))
            let personal = try await laptop.post(SiteURL.accountPassword.path, [
                "current_password": Seed.password, "new_password": "ann baker rocks!", "new_password_confirmation": "ann baker rocks!"])
            XCTAssertTrue(personal.body.string.contains("must not contain your name"))
            let ok = try await laptop.post(SiteURL.accountPassword.path, [
                "current_password": Seed.password, "new_password": "lantern otter river", "new_password_confirmation": "lantern otter river"])
            XCTAssertEqual(ok.status, .seeOther)
            let phonePage = try await phone.get(SiteURL.account.path)
            XCTAssertEqual(phonePage.status, .seeOther, "the other device is signed out")
            let laptopPage = try await laptop.get(SiteURL.account.path)
            XCTAssertEqual(laptopPage.status, .ok)
            XCTAssertTrue(laptopPage.body.string.contains("Password changed"))
            let again = try await TestBrowser(world.app).signIn("ann@shop.example", password: "lantern otter river")
            XCTAssertEqual(again.status, .seeOther)
        }
    }
}
