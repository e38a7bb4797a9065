import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Full-text search over the threads, replies and events of the communities the person may read.
struct SearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.search, use: search)
    }

    @Sendable func search(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let text = req.query[String.self, at: "q"] ?? ""
        let ctx = try await req.pageContext()
        guard !text.trimmingWhitespace().isEmpty else { return SearchView.page(ctx, SearchPage(text: "", outcome: .none)) }
        let scope = try await ConversationScope.of(person, req)
        switch try await SearchPage.find(text, scope: scope, reports: try await ReportScope.of(person, req), on: req.db) {
        case .success(let results): return SearchView.page(ctx, SearchPage(text: text, outcome: .results(results)))
        case .failure(.empty):
            return SearchView.page(ctx, SearchPage(text: text, outcome: .problem(ctx.t("search.error.no-words"))), status: .unprocessableEntity)
        case .failure(.tooLong(let max)):
            let page = SearchPage(text: String(text.prefix(SearchQuery.maxLength)), outcome: .problem(ctx.t("error.too-long", ["max": String(max)])))
            return SearchView.page(ctx, page, status: .unprocessableEntity)
        }
    }
}
