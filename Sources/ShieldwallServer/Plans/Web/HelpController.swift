import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// "I need help now", from any page: raising a call, and its page with the timeline.
struct HelpController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.help, use: show)
        routes.post(SiteURL.help, use: raise)
        routes.get(SiteURL.helpRequest, use: request)
        routes.post(SiteURL.helpRequestActions, use: act)
    }

    @Sendable func show(req: Request) async throws -> Response {
        HelpView.show(try await req.pageContext(), try await HelpPage.build(try req.requirePerson(), on: req.db))
    }

    @Sendable func raise(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let form = try req.content.decode(HelpForm.self)
        do {
            let request = try await HelpActions.raise(form.words, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.helpRequest(try request.requireID()).path, flash: "flash.help-raised")
        } catch let failure as ValidationFailure {
            var page = try await HelpPage.build(person, on: req.db)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return HelpView.show(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func request(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (request, standing) = try await HelpScope.load(req, person: person)
        try await req.shieldwall.links.peopleNotices.read(subject: try request.requireID(), by: person.personID, on: req.db, now: req.now)
        return HelpView.request(try await req.pageContext(), try await HelpRequestPage.build(request, standing: standing, language: req.localiser.language, on: req.db))
    }

    @Sendable func act(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (request, standing) = try await HelpScope.load(req, person: person)
        let form = try req.content.decode(HelpActionForm.self)
        do {
            try await HelpActions.act(request, action: form.action, body: form.body, standing: standing, by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            var page = try await HelpRequestPage.build(request, standing: standing, language: req.localiser.language, on: req.db)
            page.errors = failure.messages(req.localiser)
            return HelpView.request(try await req.pageContext(), page, status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.helpRequest(try request.requireID()).path, flash: "flash.help-\(form.action ?? "note")")
    }
}
