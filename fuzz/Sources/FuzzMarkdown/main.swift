import CFuzzDriver
import ShieldwallCore

/// Any text as markdown written by a member: the HTML must hold only the tags and attributes the renderer
/// writes itself, links only to http(s) and mailto addresses (DESIGN.md §3).
let tags: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "s", "code", "pre", "blockquote",
                         "ul", "ol", "li", "hr", "br", "a", "table", "thead", "tbody", "tr", "th", "td"]
let attributes: Set<String> = ["href", "rel", "class", "start", "align"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let html = SafeMarkdown.html(text)
    if let problem = check(html) { fatalError("\(problem) in \(html.debugDescription) from \(text.debugDescription)") }
    return 0
}

/// The first thing in `html` that a browser could run or load, or nil.
func check(_ html: String) -> String? {
    let chars = Array(html.unicodeScalars)
    var i = 0
    while i < chars.count {
        guard chars[i] == "<" else { i += 1; continue }
        var j = i + 1
        let closing = j < chars.count && chars[j] == "/"
        if closing { j += 1 }
        var name = ""
        while j < chars.count, chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) { name.unicodeScalars.append(chars[j]); j += 1 }
        if name.isEmpty { i += 1; continue }   // a "<" not opening a tag is text to a browser too
        guard tags.contains(name.lowercased()) else { return "tag <\(name)>" }
        // Browsers ignore whatever an end tag carries (Ink writes `</em</h1>` for some headings: untidy, inert).
        if closing { i = j; continue }
        // Attributes up to the tag's end, with quoted values.
        while j < chars.count, chars[j] != ">" {
            if chars[j] == " " || chars[j] == "/" { j += 1; continue }
            var attribute = ""
            while j < chars.count, !" =>".unicodeScalars.contains(chars[j]) { attribute.unicodeScalars.append(chars[j]); j += 1 }
            guard attributes.contains(attribute.lowercased()) else { return "attribute \(attribute) on <\(name)>" }
            guard j < chars.count, chars[j] == "=" else { continue }
            j += 1
            guard j < chars.count, chars[j] == "\"" else { return "unquoted value of \(attribute)" }
            var value = ""
            j += 1
            while j < chars.count, chars[j] != "\"" { value.unicodeScalars.append(chars[j]); j += 1 }
            j += 1
            let lowered = value.lowercased()
            if attribute == "href", !(lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:")) {
                return "link to \(value)"
            }
        }
        i = j
    }
    return nil
}

/// SwiftPM links this target with `main` renamed to this.
@_cdecl("FuzzMarkdown_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    shieldwall_fuzzer_main(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
