import Foundation
import Ink

/// Markdown written by people, rendered inert (DESIGN.md §3). In Core so the fuzzer can reach it alone.
///
/// Ink passes raw HTML through, keeps `javascript:` links and lets a `"` in an address open a new
/// attribute. So: raw HTML fragments are shown as text, every link is rebuilt from its parts with an
/// http, https or mailto address (escaped, `rel="nofollow noopener"`), and images become links, since
/// the page's Content-Security-Policy would not load foreign images anyway.
public enum SafeMarkdown {
    public static func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { input in
            HTMLEscape.attribute(String(input.markdown))
        })
        parser.addModifier(Modifier(target: .links) { input in
            link(from: input.markdown, image: false)
        })
        parser.addModifier(Modifier(target: .images) { input in
            link(from: input.markdown, image: true)
        })
        parser.addModifier(Modifier(target: .codeBlocks) { input in
            codeBlock(input.html, markdown: input.markdown)
        })
        return restored(parser.html(from: defused(trimmingTrailingWhitespace(markdown))))
    }

    /// Ink 0.6.0 stops the process (a string index out of bounds in its list reader) on a list item followed by
    /// a last line of only whitespace, `"* a\n "` — a space left at the end was enough (found by
    /// `fuzz/FuzzMarkdown`; the server trims most texts it stores, which is all that stood between it and a crash). Whitespace at the very end means
    /// nothing in markdown, so it is dropped — every kind Swift counts as whitespace, since a no-break space did it too.
    static func trimmingTrailingWhitespace(_ markdown: String) -> String {
        guard let last = markdown.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(markdown[...last])
    }

    /// Two more inputs that took Ink 0.6.0 down, found by `fuzz/FuzzMarkdown`, are made harmless before it reads them:
    /// - a `<p` (or `<P`) that opens no whole HTML element made it loop for ever, allocating until the process ran
    ///   out of memory (its block parser falls back to a paragraph, which stops at once before `<p`, and tries
    ///   again; three bytes, `<P[`, were enough);
    /// - brackets opened inside brackets cost twice as much time each (every `[` tries to read a link to the
    ///   paragraph's end, again inside each try): 24 took minutes. A link never needs more than two levels
    ///   (`[![alt](image)](link)`), so a `[` opened deeper is no bracket to Ink.
    /// And one that let raw HTML through: Ink passes `&…;` on as an entity whatever stands between, so
    /// `&<svg/onload=alert(1)>;` reached the page as a tag. An `&` that starts no real entity is text.
    /// Each such `<`, `[` or `&` is given to Ink as a private-use character it treats as text, and put back in the
    /// HTML as `&lt;`, `[` or `&amp;` — in code too, so there is no need to tell code from text the way Ink would.
    /// A `<` or `&` with a combining mark on it (`<` + U+0653) is one character to Swift, so Ink neither escaped
    /// it nor read it as markup and wrote a bare `<` into the HTML (inert in a browser, which wants a letter
    /// after `<`, but not well-formed; found by `fuzz/FuzzMarkdown`): it is hidden and put back the same way.
    static func defused(_ markdown: String) -> String {
        guard markdown.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "&") }) else { return markdown }
        var out = "", depth = 0, previous: Character = "\n", spaces = 0
        out.reserveCapacity(markdown.utf8.count)
        let chars = Array(markdown)
        for (i, ch) in chars.enumerated() {
            if ch.unicodeScalars.count > 1, let first = ch.unicodeScalars.first, first == "<" || first == "&" {
                let hidden: Character = first == "<" ? angle : ampersand
                out.unicodeScalars.append(contentsOf: hidden.unicodeScalars)
                out.unicodeScalars.append(contentsOf: ch.unicodeScalars.dropFirst())
                previous = hidden
                spaces = 0
                continue
            }
            if ch.isNewline {
                if endsParagraph(after: previous, spaces: spaces, next: chars.dropFirst(i + 1).first) { depth = 0 }
            } else {
                spaces = ch == " " ? spaces + 1 : 0
            }
            switch ch {
            case "&" where !startsEntity(chars[(i + 1)...]):
                out.append(ampersand)
                previous = ampersand
                continue
            case "p" where previous == "<", "P" where previous == "<":
                out.removeLast()
                out.append(angle)
            case "[" where previous != "\\":
                if depth >= 2 { out.append(bracket); previous = bracket; continue }
                depth += 1
            case "]" where previous != "\\" && depth > 0:
                depth -= 1
            default: break
            }
            out.append(ch)
            previous = ch
        }
        return out
    }

    /// Whether Ink ends a paragraph, and with it any link it is reading, at a line break: when the next line starts
    /// with one of `\n # < ` -` and the line did not end in a backslash or two spaces (Ink's `FormattedText`).
    /// Not at a line of only spaces: 24 brackets split by such lines took Ink seconds (found by `fuzz/FuzzMarkdown`).
    static func endsParagraph(after previous: Character, spaces: Int, next: Character?) -> Bool {
        guard let next, previous != "\\", spaces < 2 else { return false }
        return ["\n", "\r\n", "#", "<", "`", "-"].contains(next)
    }

    private static let angle: Character = "\u{E001}", bracket: Character = "\u{E000}", ampersand: Character = "\u{E002}"

    /// Whether what follows an `&` is a character reference: `name;`, `#123;` or `#x1F;`.
    static func startsEntity(_ rest: ArraySlice<Character>) -> Bool {
        guard let semicolon = rest.prefix(34).firstIndex(of: ";") else { return false }
        let body = rest[rest.startIndex..<semicolon]
        guard let first = body.first else { return false }
        if first == "#" {
            let number = body.dropFirst()
            if number.first == "x" || number.first == "X" {
                return (1...6).contains(number.count - 1) && number.dropFirst().allSatisfy(\.isHexDigit)
            }
            return (1...7).contains(number.count) && number.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return first.isASCII && first.isLetter && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// The HTML with what `defused` hid from Ink put back.
    static func restored(_ html: String) -> String {
        // By scalar: a hidden character may carry a combining mark, which makes it part of a larger Character.
        let hidden: Set<Unicode.Scalar> = ["\u{E000}", "\u{E001}", "\u{E002}"]
        guard html.unicodeScalars.contains(where: hidden.contains) else { return html }
        var out = String.UnicodeScalarView()
        for scalar in html.unicodeScalars {
            switch scalar {
            case "\u{E001}": out.append(contentsOf: "&lt;".unicodeScalars)
            case "\u{E000}": out.append("[")
            case "\u{E002}": out.append(contentsOf: "&amp;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Ink writes a fenced block's language into `class="language-…"` as typed, so ```` ```js" onclick="… ````
    /// opened an attribute (found by `fuzz/FuzzMarkdown`). The class keeps only letters, digits and `+-_.#`.
    static func codeBlock(_ html: String, markdown: Substring) -> String {
        let language = markdown.drop { $0 == "`" }.drop { $0 == " " || $0 == "\t" }.prefix { !$0.isNewline }
            .trimmingCharacters(in: .whitespaces)
        let written = "<pre><code class=\"language-\(language)\">"
        guard !language.isEmpty else { return html }
        guard html.hasPrefix(written) else { return "<pre><code>" + HTMLEscape.attribute(String(markdown)) + "</code></pre>" }
        let safe = language.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-_.#".unicodeScalars.contains($0)) }
        let open = safe.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(String(String.UnicodeScalarView(safe)))\">"
        return open + html.dropFirst(written.count)
    }

    /// `[text](address "title")` or `![alt](address)` → a safe link, or plain text when the address is not allowed.
    static func link(from markdown: Substring, image: Bool) -> String {
        let source = image ? markdown.dropFirst() : markdown
        guard source.hasPrefix("["), let split = source.range(of: "](", options: .backwards), source.hasSuffix(")") else {
            return HTMLEscape.attribute(String(markdown))
        }
        let text = String(source[source.index(after: source.startIndex)..<split.lowerBound])
        var target = String(source[split.upperBound..<source.index(before: source.endIndex)]).trimmingCharacters(in: .whitespaces)
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
        if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        let label = HTMLEscape.attribute(image ? (text.isEmpty ? target : text) : text)
        guard let address = safeAddress(target) else { return label }
        return "<a href=\"\(HTMLEscape.attribute(address))\" rel=\"nofollow noopener\">\(label)</a>"
    }

    /// The address if it is absolute http(s) or mailto with nothing that could end the attribute.
    public static func safeAddress(_ raw: String) -> String? {
        let lowered = raw.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") else { return nil }
        guard !raw.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "`" || $0.isWhitespace }) else { return nil }
        return raw
    }
}
