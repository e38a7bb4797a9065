import Fluent
import Vapor

/// Signs API requests in by `Authorization: Bearer swp_…`. A missing or unknown token leaves the
/// request signed out; routes that need a person answer 401 themselves.
struct BearerAuthMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization {
            guard let (_, person) = try await APITokenActions.authenticate(bearer.token, db: req.db, now: req.now) else {
                throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer realm=\"shieldwall\", error=\"invalid_token\""],
                            reason: "The API token is unknown or has been revoked.")
            }
            req.signedIn = try SignedIn(person: person, organisation: person.organisation, sessionID: nil, stage: .full)
        }
        return try await next.respond(to: req)
    }
}
