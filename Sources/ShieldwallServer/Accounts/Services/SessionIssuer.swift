import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Starts and ends browser sessions. Every start issues a new random token (the session id is never
/// carried over from before sign-in) and drops the session the browser had until then.
enum SessionIssuer {
    static func start(_ req: Request, person: Person, stage: WebSession.Stage, response: Response) async throws {
        try await endCurrent(req)
        let token = SecretToken.generate()
        let session = WebSession(
            tokenDigest: token.digest, personID: try person.requireID(), stage: stage,
            csrfToken: SecretToken.generate().value, at: req.now,
            userAgent: String((req.headers.first(name: .userAgent) ?? "").prefix(200)),
            address: req.clientAddress)
        try await session.create(on: req.db)
        response.cookies[WebSessionMiddleware.sessionCookie] = WebSessionMiddleware.cookie(token.value, req: req, maxAge: nil)
    }

    /// Moves a half-finished sign-in on to a full one, again under a new token.
    static func promote(_ req: Request, person: Person, response: Response) async throws {
        try await start(req, person: person, stage: .full, response: response)
    }

    static func endCurrent(_ req: Request) async throws {
        guard let token = req.cookies[WebSessionMiddleware.sessionCookie]?.string else { return }
        try await WebSession.query(on: req.db).filter(\.$tokenDigest == SecretToken.digest(of: token)).delete()
    }

    static func signOut(_ req: Request, response: Response) async throws {
        try await endCurrent(req)
        response.cookies[WebSessionMiddleware.sessionCookie] = .expired
    }
}
