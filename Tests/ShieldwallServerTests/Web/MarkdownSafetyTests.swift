import XCTest
@testable import ShieldwallServer

/// DESIGN.md §3: user markdown is hostile until proven inert.
final class MarkdownSafetyTests: XCTestCase {
    func testHostileMarkdownIsRenderedInert() {
        let cases: [String] = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "[click](javascript:alert(1))",
            "[x](http://a\"onmouseover=\"alert(1))",
            "![pic](http://a\"onerror=\"alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        ]
        for input in cases {
            let html = Markdown.html(input).lowercased()
            XCTAssertFalse(html.contains("<script"), input)
            XCTAssertFalse(html.contains("<img"), input)
            XCTAssertFalse(html.contains("<iframe"), input)
            XCTAssertNil(html.range(of: "href=\"\\s*javascript:", options: .regularExpression), "\(input) → \(html)")
            XCTAssertFalse(html.contains("data:text"), input)
            XCTAssertNil(html.range(of: "<[^>]*\\son[a-z]+\\s*=", options: .regularExpression), "event handler attribute from \(input): \(html)")
        }
    }

    func testOrdinaryMarkdownStillWorks() {
        let html = Markdown.html("# Title\n\nSome **bold** text and a [link](https://ncsc.gov.uk/guidance).\n\n- one\n- two")
        XCTAssertTrue(html.contains("<h1>Title</h1>"))
        XCTAssertTrue(html.contains("<strong>bold</strong>"))
        XCTAssertTrue(html.contains(#"<a href="https://ncsc.gov.uk/guidance" rel="nofollow noopener">link</a>"#))
        XCTAssertTrue(html.contains("<li>one</li>"))
    }

    func testDeeplyNestedListsDoNotCrash() {
        let nested = (0..<200).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        XCTAssertFalse(Markdown.html(nested).isEmpty)
    }
}
