import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Finds the browser session behind a request, enforces its idle and absolute expiry, and checks the
/// CSRF token of every state-changing form.
///
/// Vapor's own sessions are not used: their cookie is not HttpOnly by default and their id is not
/// rotated at sign-in. Here the cookie holds a random token whose digest is the key, a new one is
/// issued at every sign-in, and the rows live in the database so several servers share them.
struct WebSessionMiddleware: AsyncMiddleware {
    static let sessionCookie = "sw_session"
    static let visitorCSRFCookie = "sw_csrf"
    /// `last_seen_at` is written at most this often, to keep reads cheap.
    static let touchInterval: TimeInterval = 60

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var newVisitorToken: String?
        if let session = try await currentSession(req) {
            req.csrfToken = session.csrfToken
        } else if let token = req.cookies[Self.visitorCSRFCookie]?.string, token.count >= 32 {
            req.csrfToken = token
        } else {
            let token = SecretToken.generate().value
            req.csrfToken = token
            newVisitorToken = token
        }

        if req.method != .GET && req.method != .HEAD && req.method != .OPTIONS {
            try await checkCSRF(req)
        }

        let response = try await next.respond(to: req)
        if let token = newVisitorToken, response.cookies[Self.visitorCSRFCookie] == nil {
            response.cookies[Self.visitorCSRFCookie] = Self.cookie(token, req: req, maxAge: nil)
        }
        return response
    }

    private func currentSession(_ req: Request) async throws -> WebSession? {
        guard let token = req.cookies[Self.sessionCookie]?.string, !token.isEmpty else { return nil }
        // One query for the session, its person, their firm and the page mark (every signed-in request starts here):
        // joined, not eager-loaded, which would take three. The mark read in the same statement lets the settings this
        // server read last stand in for a read of their own (`adoptSettings`), and is what `PageCacheMiddleware` keeps
        // the page under: nothing the page is made from is older.
        let local = DataVersions.localChanges.withLockedValue { $0 }
        guard let session = try await WebSession.query(on: req.db)
            .join(Person.self, on: \WebSession.$person.$id == \Person.$id)
            .join(Organisation.self, on: \Person.$organisation.$id == \Organisation.$id, method: .left)
            .join(InstanceSetting.self, [.value(.extendedPath(["key"], schema: InstanceSetting.schema, space: nil), .equal, .bind(DataVersions.pageKey))],
                  method: .left)
            .filter(\.$tokenDigest == SecretToken.digest(of: token))
            .first()
        else { return nil }
        req.adoptSettings(atPageMark: (try? session.joined(InstanceSetting.self).value) ?? "", local: local)
        let settings = try await req.instanceSettings()
        let person = try session.joined(Person.self)
        // A person without a firm leaves the left join's columns empty: no firm, not an error.
        person.$organisation.value = person.$organisation.id == nil ? .some(nil) : .some(try session.joined(Organisation.self))
        session.$person.value = person
        if session.person.deactivatedAt != nil {
            try await session.delete(on: req.db)
            return nil
        }

        let now = req.now
        let idle = TimeInterval(settings.sessionIdleMinutes * 60)
        let absolute = TimeInterval(settings.sessionAbsoluteHours * 3600)
        // A half-finished sign-in (password right, code not yet given) lasts five minutes at most.
        let stage = session.stage
        let idleLimit = stage == .full ? idle : min(idle, 300)
        if now.timeIntervalSince(session.lastSeenAt) > idleLimit || now.timeIntervalSince(session.createdAt) > absolute {
            try await session.delete(on: req.db)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            session.lastSeenAt = now
            try await session.update(on: req.db)
        }
        req.signedIn = try SignedIn(person: session.person, organisation: session.person.organisation,
                                    sessionID: session.id, stage: stage)
        req.signedInFirm = session.person.organisation
        return session
    }

    private func checkCSRF(_ req: Request) async throws {
        if req.body.data == nil {
            // Upload routes declare a larger cap where they are registered; every other form keeps Vapor's default.
            _ = try await req.body.collect(max: req.bodyLimit).get()
        }
        let sent = (try? req.content.get(String.self, at: Forms.csrfField)) ?? ""
        guard !req.csrfToken.isEmpty, constantTimeEquals(sent, req.csrfToken) else {
            throw CSRFFailure()
        }
    }

    static func cookie(_ value: String, req: Request, maxAge: Int?) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/",
                          isSecure: req.shieldwall.configuration.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
    }
}

/// A form arrived without the token its page carried: most likely a forged cross-site request,
/// or a page left open across a sign-out.
struct CSRFFailure: AbortError {
    var status: HTTPResponseStatus { .forbidden }
    var reason: String { "The form's security token is missing or out of date." }
}
