import Fluent
import Vapor

/// TAXII clients sign in with HTTP basic (e-mail and a personal API token as the password) or a bearer
/// token, other instances with their reading account's token; answers are TAXII error messages with the TAXII
/// media type.
struct TaxiiAuthMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            var token: String?, email: String?
            if let bearer = req.headers.bearerAuthorization { token = bearer.token }
            else if let basic = req.headers.basicAuthorization { token = basic.password; email = basic.username.lowercased() }
            guard let token else { throw TaxiiError(.unauthorized, "Sign in with HTTP basic (your e-mail and an API token) or a bearer token.") }
            let peers = req.shieldwall.links.taxiiPeers
            if token.hasPrefix(peers.tokenPrefix) {
                // Another instance's reading account: the user name of basic sign-in is not checked.
                guard let peer = try await peers.peer(token: token, on: req.db, now: req.now) else {
                    throw TaxiiError(.unauthorized, "This reading account's token is not active.")
                }
                req.taxiiPeer = peer
            } else {
                guard let signedIn = try await APITokenActions.signedIn(token, req), email == nil || signedIn.email == email
                else { throw TaxiiError(.unauthorized, "The e-mail and API token do not match an active token.") }
                req.signedIn = signedIn
            }
            let accept = req.headers.first(name: .accept) ?? "*/*"
            guard accept.contains("*/*") || accept.contains("application/taxii+json") || accept.contains("application/*") else {
                throw TaxiiError(.notAcceptable, "This server speaks application/taxii+json;version=2.1.")
            }
            return try await next.respond(to: req)
        } catch let error as TaxiiError {
            return error.response()
        } catch let abort as AbortError {
            return TaxiiError(abort.status, abort.message(req.localiser)).response()
        }
    }
}

/// A TAXII 2.1 error message.
struct TaxiiError: Error {
    let status: HTTPStatus
    let description: String

    init(_ status: HTTPStatus, _ description: String) {
        self.status = status
        self.description = description
    }

    func response() -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: Taxii.mediaType)
        if status == .unauthorized { headers.replaceOrAdd(name: .wwwAuthenticate, value: "Basic realm=\"shieldwall-taxii\"") }
        let body: [String: Any] = ["title": status.reasonPhrase, "description": description, "http_status": String(status.code)]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: headers, body: .init(data: data))
    }
}
