import Plot
import ShieldwallCore

/// Markdown written by people on a page: Core's `SafeMarkdown` renders it inert.
enum Markdown {
    /// A Plot node holding the rendered markdown.
    static func node(_ markdown: String) -> Node<HTML.BodyContext> {
        .div(.class("markdown"), .raw(SafeMarkdown.html(markdown)))
    }
}
