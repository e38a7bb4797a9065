import Foundation
import Ink
import Plot

/// Markdown written by people, rendered inert (DESIGN.md §3).
///
/// Ink passes raw HTML through, keeps `javascript:` links and lets a `"` in an address open a new
/// attribute. So: raw HTML fragments are shown as text, every link is rebuilt from its parts with an
/// http, https or mailto address (escaped, `rel="nofollow noopener"`), and images become links, since
/// the page's Content-Security-Policy would not load foreign images anyway.
enum Markdown {
    static func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { input in
            escapeAttribute(String(input.markdown))
        })
        parser.addModifier(Modifier(target: .links) { input in
            link(from: input.markdown, image: false)
        })
        parser.addModifier(Modifier(target: .images) { input in
            link(from: input.markdown, image: true)
        })
        return parser.html(from: markdown)
    }

    /// A Plot node holding the rendered markdown.
    static func node(_ markdown: String) -> Node<HTML.BodyContext> {
        .div(.class("markdown"), .raw(html(markdown)))
    }

    /// `[text](address "title")` or `![alt](address)` → a safe link, or plain text when the address is not allowed.
    static func link(from markdown: Substring, image: Bool) -> String {
        let source = image ? markdown.dropFirst() : markdown
        guard source.hasPrefix("["), let split = source.range(of: "](", options: .backwards), source.hasSuffix(")") else {
            return escapeAttribute(String(markdown))
        }
        let text = String(source[source.index(after: source.startIndex)..<split.lowerBound])
        var target = String(source[split.upperBound..<source.index(before: source.endIndex)]).trimmingCharacters(in: .whitespaces)
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
        if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        let label = escapeAttribute(image ? (text.isEmpty ? target : text) : text)
        guard let address = safeAddress(target) else { return label }
        return "<a href=\"\(escapeAttribute(address))\" rel=\"nofollow noopener\">\(label)</a>"
    }

    /// The address if it is absolute http(s) or mailto with nothing that could end the attribute.
    static func safeAddress(_ raw: String) -> String? {
        let lowered = raw.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") else { return nil }
        guard !raw.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "`" || $0.isWhitespace }) else { return nil }
        return raw
    }
}
