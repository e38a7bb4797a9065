import Foundation
import ShieldwallCore
import Vapor

/// `GET /api/v1/search`: the same search as the page, over every kind of thing the person may read.
struct SearchAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.search, use: search)
    }

    struct SearchResultDTO: Content {
        let kind: String
        let title: String
        let snippet: String
        let url: String
        let community: String
    }

    /// Matches come back with `<mark>`…`</mark>` around the matched words; everything else is HTML-escaped.
    @Sendable func search(req: Request) async throws -> [SearchResultDTO] {
        let person = try req.requireAPIPerson()
        let scope = try await ConversationScope.of(person, req)
        switch try await SearchPage.find(req.query[String.self, at: "q"] ?? "", scope: scope, reports: try await ReportScope.of(person, req),
                                              on: req.db) {
        case .success(let found):
            return found.map { f in
                SearchResultDTO(kind: f.kind.rawValue, title: SearchView.highlightedHTML(f.title), snippet: SearchView.highlightedHTML(f.snippet),
                                url: req.shieldwall.configuration.baseURL + f.path, community: f.community)
            }
        case .failure(.empty): throw ValidationFailure(field: "q", key: "search.error.no-words")
        case .failure(.tooLong(let max)): throw ValidationFailure(field: "q", key: "error.too-long", values: ["max": String(max)])
        }
    }
}
