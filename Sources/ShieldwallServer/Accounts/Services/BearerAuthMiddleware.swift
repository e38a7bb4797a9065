import Fluent
import Vapor

/// Signs API requests in by `Authorization: Bearer swp_…`. An unknown token is refused (401). A missing one leaves a
/// read signed out (routes that need a person answer 401 themselves; a chapter's public pages do not); a write without
/// one is refused at once, before its body is read, since every write in the API needs a person (the OpenAPI
/// document's security) — so a large body without a token gets 401, not 413.
struct BearerAuthMiddleware: AsyncMiddleware {
    private static let reads: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization {
            guard let signedIn = try await APITokenActions.signedIn(bearer.token, req) else {
                throw Refusal(.unauthorized, "error.token-unknown",
                              headers: ["WWW-Authenticate": "Bearer realm=\"shieldwall\", error=\"invalid_token\""])
            }
            req.signedIn = signedIn
        } else if !Self.reads.contains(req.method) {
            _ = try req.requireAPIPerson()
        }
        return try await next.respond(to: req)
    }
}
