import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A visitor's own registration, reached only through the secret link in their mail: confirm, see their place,
/// cancel; and the one-click unsubscribe of the chapter's announcements.
struct EventRegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.registrationConfirm, use: confirm)
        routes.get(SiteURL.registration, use: show)
        routes.post(SiteURL.registrationCancel, use: cancel)
    }

    private func load(_ req: Request) async throws -> (EventRegistration, String) {
        let token = req.parameters.get(.token) ?? ""
        guard let registration = try await ChapterScope.registration(token: token, on: req.db) else {
            throw Refusal(.notFound, "chapters.error.registration-not-found")
        }
        return (registration, token)
    }

    /// Remembers the registration in this browser, so its player can open the capture-the-flag.
    private func remember(_ token: String, _ registration: EventRegistration, on response: Response, req: Request) {
        guard registration.status == .confirmed else { return }
        let event = registration.event
        response.cookies[ChapterScope.cookieName(event: registration.$event.id)] = HTTPCookies.Value(
            string: token, maxAge: max(3600, Int(event.endsAt.timeIntervalSince(req.now)) + 86_400 * VisitorRules.retentionDays), path: "/chapters",
            isSecure: req.shieldwall.configuration.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let (registration, token) = try await load(req)
        let opened = try await RegistrationActions.open(registration, ctx: ActionContext(req))
        let ctx = try await req.pageContext()
        if opened == .expired {
            return EventRegistrationView.message(ctx, title: ctx.t("chapters.expired-title"), text: ctx.t("chapters.expired", ["hours": String(VisitorRules.confirmWithinHours)]),
                                            status: .gone)
        }
        let note = opened == .confirmed ? ctx.t("chapters.confirmed") : nil
        let response = EventRegistrationView.page(ctx, try await EventRegistrationPage.build(registration, token: token, note: note, on: req.db, now: req.now))
        remember(token, registration, on: response, req: req)
        return response
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (registration, token) = try await load(req)
        let response = EventRegistrationView.page(try await req.pageContext(), try await EventRegistrationPage.build(registration, token: token, note: nil, on: req.db, now: req.now))
        remember(token, registration, on: response, req: req)
        return response
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let (registration, token) = try await load(req)
        guard registration.event.endsAt > req.now else { throw Refusal(.conflict, "error.event-past") }
        try await RegistrationActions.cancel(registration, ctx: ActionContext(req))
        return req.seeOther(SiteURL.registration(token).path, flash: "flash.registration-cancelled")
    }
}

/// The unsubscribe link in a chapter's announcements: no session, the token is the key. The page asks once; the
/// POST (also what mail programs send for RFC 8058 one-click) removes the contact.
struct ChapterUnsubscribeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.chapterUnsubscribe, use: page)
        routes.post(SiteURL.chapterUnsubscribe, use: unsubscribe)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let token = req.parameters.get(.token) ?? ""
        guard try await ChapterActions.contact(token: token, on: req.db) != nil else { throw Refusal(.notFound, "chapters.unsubscribe-unknown") }
        return EventRegistrationView.unsubscribe(try await req.pageContext(), token: token, done: false)
    }

    @Sendable func unsubscribe(req: Request) async throws -> Response {
        let token = req.parameters.get(.token) ?? ""
        guard let contact = try await ChapterActions.contact(token: token, on: req.db) else { throw Refusal(.notFound, "chapters.unsubscribe-unknown") }
        try await contact.delete(on: req.db)
        return EventRegistrationView.unsubscribe(try await req.pageContext(), token: token, done: true)
    }
}
