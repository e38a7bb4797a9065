import Foundation
import Plot
import ShieldwallCore
import Vapor

enum SearchView {
    /// The snippet escaped, with the matched words in `<mark>`.
    static func highlighted<Context>(_ text: String) -> Node<Context> { .raw(highlightedHTML(text)) }

    static func highlightedHTML(_ text: String) -> String {
        SearchHighlight.parts(text).map { part, marked in marked ? "<mark>\(escapeAttribute(part))</mark>" : escapeAttribute(part) }.joined()
    }

    static func page(_ ctx: PageContext, _ p: SearchPage, status: HTTPStatus = .ok) -> Response {
        let text = p.text
        var body: [Node<HTML.BodyContext>] = [
            .form(.class("filters"), .method(.get), .action(SiteURL.search.path), .attribute(named: "role", value: "search"),
                  Forms.field("q", label: ctx.t("search.words"), type: .search, value: text, hint: ctx.t("search.hint")),
                  Forms.submit(ctx.t("search.submit"))),
        ]
        switch p.outcome {
        case .none: break
        case .problem(let message):
            body.append(.div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text(message))))
        case .results(let results):
            body.append(.p(.attribute(named: "role", value: "status"), .text(ctx.t("search.count", ["count": String(results.count)]))))
            body.append(.ol(.class("search-results"), .forEach(results) { r in
                .li(.a(.href(r.path), highlighted(r.title)),
                    .span(.class("note"), .text(" · " + ctx.t("search.kind.\(r.kind.rawValue)") + " · " + r.community)),
                    .p(highlighted(r.snippet)))
            }))
        }
        return Layout.page(ctx, title: ctx.t("search.title"), status: status, content: body)
    }
}
