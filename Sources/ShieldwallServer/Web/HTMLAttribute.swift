import Plot
import ShieldwallCore

/// Every attribute built from data goes through these helpers (Core's `HTMLEscape`).
func escapeAttribute(_ value: String) -> String { HTMLEscape.attribute(value) }

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
