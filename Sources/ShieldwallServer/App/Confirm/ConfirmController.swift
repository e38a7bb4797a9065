import Foundation
import Vapor

/// The confirmation step of every destructive action: a page, so it works without JavaScript. Reached by a POST that
/// carries the CSRF token, so another site cannot put one of our buttons in front of someone. It changes nothing
/// itself and decides no access: the action it posts to checks that as always.
struct ConfirmController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.confirm, use: confirm)
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        _ = try req.requirePerson()
        let form = try req.content.decode([String: String].self)
        let page: ConfirmPage
        do {
            page = try ConfirmPage(form: form)
        } catch {
            throw Abort(.badRequest, reason: req.t("confirm.error.\(error)"))
        }
        return ConfirmView.show(try await req.pageContext(), page)
    }
}
