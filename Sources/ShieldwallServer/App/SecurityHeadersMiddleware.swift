import Vapor

/// Headers every response carries: no framing, no inline scripts or foreign resources, no MIME
/// sniffing, no referrer beyond our own pages (invitation links carry secrets), and no caching of
/// pages that may show personal data unless the handler said otherwise (the stylesheet does).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let https: Bool

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        let h = response.headers
        func set(_ name: String, _ value: String) { if !h.contains(name: name) { response.headers.replaceOrAdd(name: name, value: value) } }
        set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
        set("X-Content-Type-Options", "nosniff")
        set("X-Frame-Options", "DENY")
        set("Referrer-Policy", "same-origin")
        set("Cache-Control", "no-store")
        if https { set("Strict-Transport-Security", "max-age=31536000") }
        return response
    }
}
