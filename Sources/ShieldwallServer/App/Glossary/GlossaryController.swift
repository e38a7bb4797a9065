import Vapor

struct GlossaryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.glossary, use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        GlossaryView.show(try await req.pageContext())
    }
}
