import Foundation
import Plot
import Vapor

/// The words of security sharing in plain language, one anchor a term, so any page can link a term to its meaning
/// (`Glossary.link`). Open to everyone: it holds no data.
enum GlossaryView {
    /// In the order a newcomer meets them. Each has `glossary.TERM` (the term) and `glossary.TERM.text`.
    static let terms = ["tlp", "tlp-clear", "tlp-green", "tlp-amber", "tlp-amber-strict", "tlp-red", "report", "indicator", "sighting",
                        "confidence", "blocklist", "warning-list", "allowlist", "stix", "taxii", "mfa", "phishing"]

    static func show(_ ctx: PageContext) -> Response {
        Layout.page(ctx, title: ctx.t("glossary.title"), content: [
            .p(.class("lead"), .text(ctx.t("glossary.intro"))),
            .dl(.class("glossary"), .forEach(terms) { term in
                .group(.dt(.id(term), .text(ctx.t("glossary.\(term)"))), .dd(.text(ctx.t("glossary.\(term).text"))))
            }),
        ])
    }
}

enum Glossary {
    /// "What is this?" after a term: a small link to its meaning.
    static func link(_ ctx: PageContext, _ term: String) -> Node<HTML.BodyContext> {
        .a(.class("glossary-link"), .href(SiteURL.glossary.path + "#" + term), .text(ctx.t("glossary.what-is", ["term": ctx.t("glossary.\(term)")])))
    }

    /// Technical detail for whoever looks after the firm's IT, folded under "For your IT person".
    static func forITPerson(_ ctx: PageContext, _ content: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
        .element(named: "details", nodes: [.class("for-it"),
            .element(named: "summary", nodes: [.text(ctx.t("glossary.for-it"))]),
            .group(content),
        ])
    }
}
