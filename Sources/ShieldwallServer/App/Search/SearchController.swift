import Fluent
import Foundation
import Plot
import ShieldwallCore
import Vapor

/// Full-text search over the threads, replies and events of the communities the person may read.
struct SearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.search, use: search)
    }

    struct Found: Sendable {
        let kind: SearchIndex.Kind
        let title: String
        let snippet: String
        let path: String
        let community: String
    }

    enum Outcome { case results([Found]), problem(String), none }

    /// Hits from the index (already limited to the scope's communities), with their links and community names.
    static func run(_ text: String, scope: ConversationScope, reports: ReportScope, on db: any Database) async throws -> Result<[Found], SearchQuery.Problem> {
        let query: SearchQuery
        switch SearchQuery.parse(text) {
        case .success(let q): query = q
        case .failure(let problem): return .failure(problem)
        }
        let hits = try await SearchIndex.search(query, conversations: scope, reports: reports, on: db)
        let communityIDs = Array(Set(hits.map(\.communityID)))
        let communities = communityIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Community.query(on: db)
            .filter(\.$id ~~ communityIDs).all().compactMap { c in c.id.map { ($0, c) } })
        let threadIDs = Array(Set(hits.compactMap { $0.kind == .post ? $0.threadID : nil }))
        let titles = threadIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await scope.threads(on: db).filter(\.$id ~~ threadIDs).all()
            .compactMap { t in t.id.map { ($0, t.title) } })
        return .success(hits.compactMap { hit in
            guard let community = communities[hit.communityID] else { return nil }
            switch hit.kind {
            case .thread:
                return Found(kind: .thread, title: hit.title, snippet: hit.snippet, path: SiteURL.thread(hit.refID).path, community: community.name)
            case .post:
                guard let threadID = hit.threadID, let title = titles[threadID] else { return nil }
                return Found(kind: .post, title: title, snippet: hit.snippet, path: SiteURL.thread(threadID).path + "#post-\(hit.refID)",
                              community: community.name)
            case .report:
                return Found(kind: .report, title: hit.title, snippet: hit.snippet, path: SiteURL.report(hit.refID).path, community: community.name)
            case .resource:
                return Found(kind: .resource, title: hit.title, snippet: hit.snippet, path: SiteURL.resource(hit.refID).path, community: community.name)
            case .event:
                return Found(kind: .event, title: hit.title, snippet: hit.snippet, path: SiteURL.communityEvent(community.slug, hit.refID).path,
                              community: community.name)
            }
        })
    }

    @Sendable func search(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let text = req.query[String.self, at: "q"] ?? ""
        let ctx = try await req.pageContext()
        guard !text.trimmingWhitespace().isEmpty else { return SearchView.page(ctx, text: "", outcome: .none) }
        let scope = try await ConversationScope.of(person, on: req.db)
        switch try await Self.run(text, scope: scope, reports: try await ReportScope.of(person, req), on: req.db) {
        case .success(let results): return SearchView.page(ctx, text: text, outcome: .results(results))
        case .failure(.empty): return SearchView.page(ctx, text: text, outcome: .problem(ctx.t("search.error.no-words")), status: .unprocessableEntity)
        case .failure(.tooLong(let max)):
            return SearchView.page(ctx, text: String(text.prefix(SearchQuery.maxLength)), outcome: .problem(ctx.t("error.too-long", ["max": String(max)])),
                                   status: .unprocessableEntity)
        }
    }
}

enum SearchView {
    /// The snippet escaped, with the matched words in `<mark>`.
    static func highlighted<Context>(_ text: String) -> Node<Context> { .raw(highlightedHTML(text)) }

    static func highlightedHTML(_ text: String) -> String {
        SearchHighlight.parts(text).map { part, marked in marked ? "<mark>\(escapeAttribute(part))</mark>" : escapeAttribute(part) }.joined()
    }

    static func page(_ ctx: PageContext, text: String, outcome: SearchController.Outcome, status: HTTPStatus = .ok) -> Response {
        var body: [Node<HTML.BodyContext>] = [
            .form(.class("filters"), .method(.get), .action(SiteURL.search.path), .attribute(named: "role", value: "search"),
                  Forms.field("q", label: ctx.t("search.words"), type: .search, value: text, hint: ctx.t("search.hint")),
                  Forms.submit(ctx.t("search.submit"))),
        ]
        switch outcome {
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
