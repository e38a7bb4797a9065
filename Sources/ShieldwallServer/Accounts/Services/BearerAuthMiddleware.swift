import Fluent
import Vapor

/// Signs API requests in by `Authorization: Bearer swp_…`. A missing or unknown token leaves the
/// request signed out; routes that need a person answer 401 themselves.
struct BearerAuthMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization {
            guard let signedIn = try await APITokenActions.signedIn(bearer.token, req) else {
                throw Refusal(.unauthorized, "error.token-unknown",
                              headers: ["WWW-Authenticate": "Bearer realm=\"shieldwall\", error=\"invalid_token\""])
            }
            req.signedIn = signedIn
        }
        return try await next.respond(to: req)
    }
}
