@testable import ShieldwallCore
import XCTest

/// DESIGN.md §3: user markdown is hostile until proven inert.
final class SafeMarkdownTests: XCTestCase {
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
            "```js\" onmouseover=\"alert(1)\nx\n```",  // found by fuzz/FuzzMarkdown, as the next two
            "a &<svg/onload=alert(1)>; b",
            "&<img/src/onerror=alert(1)>;",
        ]
        for input in cases {
            let html = SafeMarkdown.html(input).lowercased()
            XCTAssertFalse(html.contains("<script"), input)
            XCTAssertFalse(html.contains("<img"), input)
            XCTAssertFalse(html.contains("<svg"), input)
            XCTAssertFalse(html.contains("<iframe"), input)
            XCTAssertNil(html.range(of: "href=\"\\s*javascript:", options: .regularExpression), "\(input) → \(html)")
            XCTAssertFalse(html.contains("data:text"), input)
            XCTAssertNil(html.range(of: "<[^>]*\\son[a-z]+\\s*=", options: .regularExpression), "event handler attribute from \(input): \(html)")
        }
    }

    func testOrdinaryMarkdownStillWorks() {
        let html = SafeMarkdown.html("# Title\n\nSome **bold** text and a [link](https://ncsc.gov.uk/guidance).\n\n- one\n- two")
        XCTAssertTrue(html.contains("<h1>Title</h1>"))
        XCTAssertTrue(html.contains("<strong>bold</strong>"))
        XCTAssertTrue(html.contains(#"<a href="https://ncsc.gov.uk/guidance" rel="nofollow noopener">link</a>"#))
        XCTAssertTrue(html.contains("<li>one</li>"))
    }

    func testDeeplyNestedListsDoNotCrash() {
        let nested = (0..<200).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        XCTAssertFalse(SafeMarkdown.html(nested).isEmpty)
    }

    /// Found by fuzz/FuzzMarkdown: Ink looped for ever (until out of memory) on a `<p` opening no whole element,
    /// so one member's post could take the server down.
    func testALoneAngleBracketPIsTextAndReturns() {
        XCTAssertEqual(SafeMarkdown.html("<P["), "<p>&lt;P[</p>")
        XCTAssertEqual(SafeMarkdown.html("see <p and <Pa"), "<p>see &lt;p and &lt;Pa</p>")
        let artifact = "# Title\n\nSome **bold*g](http://x/y.pn])\nJ<scripft\nlet <P[[i# T* [lime ##olb*:::::ert(1))\n"
        XCTAssertTrue(SafeMarkdown.html(artifact).contains("let &lt;P[[i#"))
        // In code it reads as written.
        XCTAssertTrue(SafeMarkdown.html("```\n<p>[[[x]]]\n```").contains("<code>&lt;p&gt;[[[x]]]"), SafeMarkdown.html("```\n<p>[[[x]]]\n```"))
        XCTAssertTrue(SafeMarkdown.html("a `<p [[[` b").contains("<code>&lt;p [[[</code>"), SafeMarkdown.html("a `<p [[[` b"))
        let fuzzed = "# Title\n~~~~~~~z~~~~\nS&&&&&**bo# \u{CD} ld** [link)# Tov.uk) aTi\n\tS\u{FF} ome \"<p"
        XCTAssertTrue(SafeMarkdown.html(fuzzed).hasSuffix("&lt;p</p>"), SafeMarkdown.html(fuzzed))
    }

    /// Found by fuzz/FuzzMarkdown: each `[` opened inside another doubled Ink's time; 24 took minutes.
    func testDeeplyNestedBracketsAreTextAndReturn() {
        XCTAssertEqual(SafeMarkdown.html("[[[[x]]]]"), "<p>[[[[x]]]]</p>")
        let unclosed = (0..<40).map { "[w\($0) " }.joined()
        XCTAssertTrue(SafeMarkdown.html(unclosed).contains("[w39"))
        let deep = String(repeating: "[", count: 60) + "x" + String(repeating: "]", count: 60)
        XCTAssertTrue(SafeMarkdown.html(deep).contains("x"))
        // Links, images inside links and escaped brackets still read as before.
        XCTAssertEqual(SafeMarkdown.html("[a](https://a.example) and [b](https://b.example)"),
                       #"<p><a href="https://a.example" rel="nofollow noopener">a</a> and <a href="https://b.example" rel="nofollow noopener">b</a></p>"#)
        XCTAssertTrue(SafeMarkdown.html("[![logo](https://x.example/l.png)](https://x.example)").contains(#"<a href="https://x.example""#))
        XCTAssertEqual(SafeMarkdown.defused("\\[a [b [c"), "\\[a [b [c")
        XCTAssertEqual(SafeMarkdown.defused("[a [b [c\n\n[d"), "[a [b \u{E000}c\n\n[d", "a blank line ends the paragraph")
        // To Ink a line of spaces, or an empty line after one ending in two spaces or a backslash, ends nothing.
        guard SafeMarkdown.defused("[a [b\n \n[c") == "[a [b\n \n\u{E000}c" else {
            return XCTFail("a line of spaces let brackets nest deeper; Ink would take minutes on the next input")
        }
        XCTAssertEqual(SafeMarkdown.defused("[a [b  \n\n[c"), "[a [b  \n\n\u{E000}c")
        XCTAssertEqual(SafeMarkdown.defused("[a [b\\\n\n[c"), "[a [b\\\n\n\u{E000}c")
        XCTAssertEqual(SafeMarkdown.defused("[a [b\n# c [d"), "[a [b\n# c [d", "a heading ends it")
        let spaced = (0..<30).map { _ in "a| |pt ![ ![n*b\n \n" }.joined()  // took Ink seconds per character of depth
        XCTAssertEqual(SafeMarkdown.html(spaced).filter { $0 == "[" }.count, 60, "every bracket is shown as text")
    }

    func testACodeBlocksLanguageStaysInItsClass() {
        XCTAssertEqual(SafeMarkdown.html("```swift\nlet x = 1\n```"), "<pre><code class=\"language-swift\">let x = 1\n</code></pre>")
        XCTAssertEqual(SafeMarkdown.html("```js\" onmouseover=\"alert(1)\nx\n```"), "<pre><code class=\"language-jsonmouseoveralert1\">x\n</code></pre>")
        XCTAssertEqual(SafeMarkdown.html("```\"\"\nx\n```"), "<pre><code>x\n</code></pre>")
    }

    func testEntitiesStayEntitiesAndALoneAmpersandIsText() {
        XCTAssertEqual(SafeMarkdown.html("Fish &amp; chips &#169; &#x263A; & more &nope"), "<p>Fish &amp; chips &#169; &#x263A; &amp; more &amp;nope</p>")
        XCTAssertEqual(SafeMarkdown.html("a &<svg/onload=alert(1)>; b"), "<p>a &amp;&lt;svg/onload=alert(1)&gt;; b</p>")
    }

    /// FuzzMarkdown: a list item followed by a last line of only whitespace stopped the process inside Ink (a
    /// space left at the end of a textarea). Each of these would end this test run if it were not made harmless.
    func testAListFollowedByATrailingBlankLineRenders() {
        XCTAssertEqual(SafeMarkdown.html("- \n "), "<p>-</p>", "an empty item is a dash")
        XCTAssertEqual(SafeMarkdown.html("1. \n "), "<p>1.</p>")
        for text in ["* a\n ", "- a\n  \n- b\n ", "* a\n\t\t", "* a\n\u{00A0}", "* a\n \u{2003}",
                     "# Title\u{FFFD}# Titl |\n\0\0\0\n\n0. one\n|-\u{FFFD}-|\n| z\u{FFFD}e\n "] {
            let html = SafeMarkdown.html(text)
            XCTAssertTrue(html.contains("<li>"), "\(text.debugDescription) renders its list: \(html)")
        }
        XCTAssertEqual(SafeMarkdown.html("   \n\t"), "", "only whitespace is nothing")
    }

    /// FuzzMarkdown: `<` or `&` with a combining mark was one character to Ink, neither escaped nor markup.
    func testALessThanSignWithACombiningMarkIsEscaped() {
        let html = SafeMarkdown.html("a <\u{0653}b and <\u{0301}script> & \u{0301}c")
        XCTAssertFalse(html.replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>", with: "").contains("<"), html)
        XCTAssertTrue(html.contains("&lt;\u{0653}b"), html)
        XCTAssertTrue(html.contains("&lt;\u{0301}script"), html)
        XCTAssertEqual(SafeMarkdown.html("[\u{0301}x](https://a.example) `<\u{0653}`").contains("<\u{0653}"), false)
    }
}
