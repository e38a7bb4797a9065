import Foundation
import XCTVapor
@testable import ShieldwallServer

/// A second language is a file dropped into the locales folder: no view changes.
final class LocalisationTests: XCTestCase {
    func withGerman(_ body: (TestWorld) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("locales-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"""
            {"language.name": "Deutsch", "signin.title": "Anmelden", "nav.account": "Mein Konto", "account.title": "Mein Konto",
             "error.token-required": "Ein gültiges API-Token ist nötig.", "org.error.create-who": "Nur Betreiber legen Organisationen an."}
            """#.utf8)
            .write(to: dir.appendingPathComponent("de.json"))
        try await withApp(localesDirectory: dir, body)
    }

    func testADroppedInCatalogueIsUsedForVisitorsAndPeople() async throws {
        try await withGerman { world in
            let visitor = TestBrowser(world.app)
            visitor.acceptLanguage = "de-DE,de;q=0.9"
            let page = try await visitor.get(SiteURL.signIn.path)
            XCTAssertTrue(page.body.string.contains("<h1>Anmelden</h1>"))
            XCTAssertTrue(page.body.string.contains("<html lang=\"de\">"))
            XCTAssertTrue(page.body.string.contains("E-mail address"), "untranslated texts fall back to English")

            let janPerson = try await Seed.person(world.app, email: "jan@shop.example")
            let jan = TestBrowser(world.app)
            try await jan.signIn("jan@shop.example")
            let english = try await jan.get(SiteURL.account.path)
            XCTAssertTrue(english.body.string.contains("<h1>My account</h1>"))
            XCTAssertTrue(english.body.string.contains(">Deutsch</option>"), "the language picker offers it")
            try await jan.post(SiteURL.accountLanguage.path, ["language": "de"])
            let german = try await jan.get(SiteURL.account.path)
            XCTAssertTrue(german.body.string.contains("<h1>Mein Konto</h1>"))
            let bad = try await jan.post(SiteURL.accountLanguage.path, ["language": "klingon"])
            XCTAssertEqual(bad.status, .unprocessableEntity)

            // Refusals are catalogue texts too, in the API as on pages: the visitor's language, then the person's.
            let unsigned = try await world.app.testable().sendRequest(.GET, "/api/v1/communities", headers: ["Accept-Language": "de"])
            XCTAssertEqual(unsigned.status, .unauthorized)
            XCTAssertEqual(unsigned.json["detail"] as? String, "Ein gültiges API-Token ist nötig.")
            let refused = try await world.app.api(.POST, "/organisations", token: try await Seed.token(world.app, for: janPerson), json: #"{"name": "Jan's"}"#)
            XCTAssertEqual(refused.status, .forbidden)
            XCTAssertEqual(refused.json["detail"] as? String, "Nur Betreiber legen Organisationen an.")
        }
    }
}
