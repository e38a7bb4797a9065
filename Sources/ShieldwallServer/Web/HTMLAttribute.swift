import Plot

/// Plot escapes text nodes but writes attribute values exactly as given, so a `"` in a value would
/// end the attribute and open a new one. Every attribute built from data goes through these helpers.
func escapeAttribute(_ value: String) -> String {
    var out = ""
    out.reserveCapacity(value.count)
    for ch in value {
        switch ch {
        case "&": out += "&amp;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        default: out.append(ch)
        }
    }
    return out
}

extension Node {
    /// An attribute whose value is escaped (use for anything that is not a constant).
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: escapeAttribute(value), ignoreIfValueIsEmpty: false)
    }
}

extension Attribute {
    static func attr(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: escapeAttribute(value), ignoreIfValueIsEmpty: false)
    }
}
