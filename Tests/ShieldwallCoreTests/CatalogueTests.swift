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
}
