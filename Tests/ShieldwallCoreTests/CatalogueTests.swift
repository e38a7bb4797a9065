import Foundation
import XCTest
@testable import ShieldwallCore

final class CatalogueTests: XCTestCase {
    let set = CatalogueSet([
        Catalogue(language: "en", texts: ["hello": "Hello {name}", "only.en": "English only"]),
        Catalogue(language: "de", texts: ["hello": "Hallo {name}"]),
    ])

    func testLooksUpInTheLanguageThenEnglishThenTheKey() {
        let de = set.localiser(for: "de")
        XCTAssertEqual(de.text("hello", ["name": "Ann"]), "Hallo Ann")
        XCTAssertEqual(de.text("only.en"), "English only")
        XCTAssertEqual(de.text("missing.key"), "missing.key")
        XCTAssertEqual(set.localiser(for: "xx").language, "en", "unknown languages fall back to English")
    }

    func testNegotiatesAcceptLanguage() {
        XCTAssertEqual(set.negotiate(acceptLanguage: "de-AT,de;q=0.9,en;q=0.5"), "de")
        XCTAssertEqual(set.negotiate(acceptLanguage: "fr, en;q=0.1, de;q=0.8"), "de")
        XCTAssertEqual(set.negotiate(acceptLanguage: "fr"), "en")
        XCTAssertEqual(set.negotiate(acceptLanguage: nil), "en")
        XCTAssertEqual(set.negotiate(acceptLanguage: ";;,q=,"), "en")
    }

    func testLoadsAFolderAndNamesTheBrokenFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"{"hello": "Bonjour {name}"}"#.utf8).write(to: dir.appendingPathComponent("fr.json"))
        XCTAssertEqual(try Catalogue.loadFolder(dir).map(\.language), ["fr"])
        try Data(#"{"hello": 3}"#.utf8).write(to: dir.appendingPathComponent("nl.json"))
        XCTAssertThrowsError(try Catalogue.loadFolder(dir)) {
            XCTAssertEqual(($0 as? Catalogue.Problem)?.description, "nl.json: must be a JSON object of \"key\": \"text\"")
        }
    }

    /// A counting text picks its branch by the language's CLDR plural rules, from the ICU inside Foundation.
    func testPluralsFollowTheLanguage() {
        let en = Localiser(language: "en", primary: ["n": "{n, plural, one {# firm asks} other {# firms ask}} to join {c}",
                                                      "two": "{a, plural, one {# report} other {# reports}} by {b, plural, =0 {nobody} one {# firm} other {# firms}}"],
                           fallback: [:])
        XCTAssertEqual(en.text("n", ["n": "1", "c": "Leeds"]), "1 firm asks to join Leeds")
        XCTAssertEqual(en.text("n", ["n": "0", "c": "Leeds"]), "0 firms ask to join Leeds")
        XCTAssertEqual(en.text("two", ["a": "2", "b": "1"]), "2 reports by 1 firm")
        XCTAssertEqual(en.text("two", ["a": "1", "b": "0"]), "1 report by nobody")
        XCTAssertEqual(PluralRules.category(of: 1, language: "es"), "one")
        XCTAssertEqual(PluralRules.category(of: 0, language: "es"), "other")
        XCTAssertEqual(PluralRules.category(of: 1_000_000, language: "es"), "many", "CLDR's rule for Spanish, not English's")
        XCTAssertEqual(PluralRules.category(of: 3, language: "pl"), "few")
        let es = Localiser(language: "es", primary: ["m": "{n, plural, one {# millón} other {# de algo}}"], fallback: [:])
        XCTAssertEqual(es.text("m", ["n": "1000000"]), "1000000 de algo", "a category the text lacks falls back to other")
        XCTAssertEqual(es.text("m", ["n": "not a number"]), "not a number de algo")
        XCTAssertEqual(es.text("m", [:]), " de algo")
        XCTAssertEqual(es.text("m", ["n": "1"]), "1 millón")
        let broken = Localiser(language: "en", primary: ["b": "Half {n, plural, one {# left"], fallback: [:])
        XCTAssertEqual(broken.text("b", ["n": "1"]), "Half {n, plural, one {# left", "unclosed: left as written")
    }
}

