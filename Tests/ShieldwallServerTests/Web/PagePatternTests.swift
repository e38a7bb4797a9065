import Foundation
import XCTest

/// The one page pattern (README, "Contributing"): a page is rendered only in a `Thing+View.swift`, from a page value
/// built in a `Thing+Page.swift`; views never see a request or the database, page values never hold a Fluent model.
final class PagePatternTests: XCTestCase {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/ShieldwallServer")

    func swiftFiles() -> [URL] {
        FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
    }

    func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    func testPagesAreRenderedOnlyByPureViewsOfPageValues() throws {
        var found: [String] = []
        let files = swiftFiles()
        XCTAssertGreaterThan(files.count, 100)
        // The Fluent models, by the names they are declared with.
        var models: Set<String> = []
        for file in files {
            models.formUnion(try matches(#"final class \w+: Model"#, in: try String(contentsOf: file, encoding: .utf8))
                .map { $0.replacingOccurrences(of: "final class ", with: "").replacingOccurrences(of: ": Model", with: "") })
        }
        XCTAssertTrue(models.contains("ThreatReport") && models.contains("Community"), "\(models)")
        for file in files {
            let name = file.lastPathComponent, text = try String(contentsOf: file, encoding: .utf8)
            if text.contains("Layout.page(") && !name.hasSuffix("+View.swift") && name != "Layout.swift" {
                found.append("\(name) renders a page outside a view file")
            }
            if name.hasSuffix("+View.swift") {
                for word in try matches(#"\b(Request|req|Database|query\(on)\b|import Fluent"#, in: text) {
                    found.append("\(name) uses \(word): a view renders its page value, nothing else")
                }
            }
            if name.hasSuffix("+Page.swift") {
                for word in try matches(#"\b(Request|req)\b"#, in: text) {
                    found.append("\(name) uses \(word): a page value is built from the database and the viewer, not a request")
                }
                // Stored properties of a page value or of a type nested in it (locals of builders are indented deeper).
                for declaration in try matches(#"(?m)^(    |        )(let|var) \w+: \[?\w+\]?\??$"#, in: text) {
                    let type = declaration.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)
                        .trimmingCharacters(in: CharacterSet(charactersIn: "[]?"))
                    if models.contains(type) { found.append("\(name) holds a \(type) model: copy what the page shows into values") }
                }
            }
        }
        XCTAssertEqual(found, [])
    }
}
