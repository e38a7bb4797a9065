import Fluent
import XCTVapor
@testable import ShieldwallServer

/// A second language (issue #31): the switch at the foot of every page, for visitors and signed-in people, and
/// e-mails in the recipient's language.
final class LanguageTests: XCTestCase {
    func testAVisitorSwitchesToSpanishAndStaysThere() async throws {
        try await withApp { world in
            let visitor = TestBrowser(world.app)
            let home = try await visitor.get("/")
            XCTAssertTrue(home.body.string.contains("Welcome to Shieldwall"))
            XCTAssertTrue(home.body.string.contains(#"<option value="es" lang="es">Español</option>"#), home.body.string)
            let switched = try await visitor.post(SiteURL.language.path, ["language": "es", "back": SiteURL.glossary.path])
            XCTAssertEqual(switched.status, .seeOther)
            XCTAssertEqual(switched.location, SiteURL.glossary.path)
            let glossary = try await visitor.get(SiteURL.glossary.path).body.string
            XCTAssertTrue(glossary.contains(#"<html lang="es">"#))
            XCTAssertTrue(glossary.contains("Palabras explicadas"), glossary)
            XCTAssertTrue(glossary.contains(#"<option value="es" lang="es" selected="selected">Español</option>"#))
            // Somewhere else: never. An unknown language: said, and nothing changes.
            expectEqual(try await visitor.post(SiteURL.language.path, ["language": "en", "back": "//evil.example/x"]).location, "/")
            let unknown = try await visitor.post(SiteURL.language.path, ["language": "klingon"])
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            XCTAssertTrue(unknown.body.string.contains("That language is not available."), unknown.body.string)
        }
    }

    func testASignedInPersonsChoiceIsTheirAccountsAndTheirMailsLanguage() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app, name: "Panadería Sol")
            let lucia = try await Seed.person(app, email: "lucia@panaderia.example", name: "Lucía", organisation: firm, role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn("lucia@panaderia.example")
            expectEqual(try await browser.post(SiteURL.language.path, ["language": "es", "back": SiteURL.assessment.path]).location,
                        SiteURL.assessment.path)
            expectEqual(try await Person.find(lucia.requireID(), on: app.db)?.language, "es")
            let page = try await browser.get(SiteURL.assessment.path).body.string
            XCTAssertTrue(page.contains("Empezar la autoevaluación"), page)
            // Who she invites hears from Shieldwall in her language.
            let stored = try await Person.find(lucia.requireID(), on: app.db)
            let signedIn = try SignedIn(person: try XCTUnwrap(stored), organisation: firm, sessionID: nil, stage: .full)
            _ = try await InvitationActions.create(email: "pablo@panaderia.example", kind: .organisation(try firm.requireID(), .staff),
                                                   by: signedIn, ctx: ActionContext(app))
            let mail = try XCTUnwrap(world.mailer.sent.last { $0.to == "pablo@panaderia.example" })
            XCTAssertEqual(mail.subject, "Tu invitación a Shieldwall")
            XCTAssertTrue(mail.body.contains("Lucía te ha invitado a unirte a Shieldwall (Panadería Sol)"), mail.body)
        }
    }
}
