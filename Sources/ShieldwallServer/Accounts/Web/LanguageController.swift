import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The language switch at the foot of every page: a visitor's choice is kept in a cookie for a year; a signed-in
/// person's becomes their account's language (what their e-mails are written in, too).
struct LanguageController: RouteCollection {
    static let cookieName = "sw_language"

    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.language, use: change)
    }

    struct LanguageSwitch: Content {
        var language: String?
        var back: String?
    }

    @Sendable func change(req: Request) async throws -> Response {
        let form = try req.content.decode(LanguageSwitch.self)
        let language = form.language ?? ""
        guard req.shieldwall.catalogues.supports(language) else { throw Refusal(.unprocessableEntity, "error.unknown-language") }
        if let person = req.signedIn, person.isFullySignedIn {
            try await Person.query(on: req.db).filter(\.$id == person.personID).set(\.$language, to: language).update()
        }
        // Back to the page it was changed on, when that is a page of this site.
        let back = form.back.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") && !$0.contains("\\") ? $0 : nil } ?? SiteURL.home.path
        let response = req.redirect(to: back, redirectType: .normal)
        response.cookies[Self.cookieName] = HTTPCookies.Value(string: language, maxAge: 365 * 86_400, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
