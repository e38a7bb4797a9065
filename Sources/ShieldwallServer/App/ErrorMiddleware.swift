import Foundation
import ShieldwallCore
import Vapor

/// Turns every error into a clear answer, as the route's surface asks: RFC 9457 problem documents from
/// the API, TAXII error messages from TAXII, a page in the person's language elsewhere. Unexpected errors are logged and shown as a plain 500, never with
/// internals.
struct ShieldwallErrorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            return await answer(error, req)
        }
    }

    struct Answer {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders = [:]
        var detail: String
        var problems: [FieldProblem] = []
    }

    static func classify(_ error: any Error, _ req: Request) -> Answer {
        switch error {
        case let failure as ValidationFailure:
            return Answer(status: failure.status, detail: failure.reason, problems: failure.problems)
        case let decoding as DecodingError:
            return Answer(status: .badRequest, detail: describe(decoding))
        case let notFound as any AbortError where notFound.status == .notFound:
            // An address that exists for other methods says which (405 with Allow) rather than "not found": whether no
            // route matched, or only one whose id parameter the path does not fill (`GET /indicators/extract`).
            let methods = req.application.methodIndex?.methods(for: req.url.path) ?? []
            guard !methods.isEmpty, !methods.contains(req.method) else {
                return Answer(status: notFound.status, headers: notFound.headers, detail: notFound.message(req.localiser))
            }
            let allowed = methods.map(\.rawValue).joined(separator: ", ")
            return Answer(status: .methodNotAllowed, headers: ["Allow": allowed],
                          detail: req.t("error.method-not-allowed", ["method": req.method.rawValue, "allowed": allowed]))
        case let abort as any AbortError:
            return Answer(status: abort.status, headers: abort.headers, detail: abort.message(req.localiser))
        default:
            req.logger.report(error: error)
            return Answer(status: .internalServerError, detail: "Something went wrong on our side. It has been logged.")
        }
    }

    private func answer(_ error: any Error, _ req: Request) async -> Response {
        let a = Self.classify(error, req)
        if (300..<400).contains(a.status.code) {
            let response = Response(status: a.status, headers: a.headers)
            return response
        }
        switch req.surface {
        case .api: return Self.problem(a, req)
        case .taxii: return TaxiiError(a.status, a.detail).response()
        case .page: return await page(a, error, req)
        }
    }

    static func problem(_ a: Answer, _ req: Request) -> Response {
        let english = req.shieldwall.catalogues.localiser(for: CatalogueSet.baseLanguage)
        let body = ProblemDocument(
            type: "about:blank", title: a.status.reasonPhrase, status: Int(a.status.code), detail: a.detail,
            errors: a.problems.isEmpty ? nil : a.problems.map { .init(field: $0.field, detail: $0.message(english)) })
        var headers = a.headers
        headers.contentType = HTTPMediaType(type: "application", subType: "problem+json")
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        return Response(status: a.status, headers: headers, body: .init(data: data))
    }

    private func page(_ a: Answer, _ error: any Error, _ req: Request) async -> Response {
        let ctx: PageContext
        do { ctx = try await req.pageContext() } catch {
            return Response(status: a.status, body: .init(string: a.detail))
        }
        let title: String, message: String
        switch error {
        case is CSRFFailure:
            title = ctx.t("error.csrf.title"); message = ctx.t("error.csrf.body")
        case let throttled as SignInThrottled:
            title = ctx.t("error.throttled.title")
            message = ctx.t("error.throttled.\(throttled.scope.rawValue)", ["minutes": String(throttled.minutes)])
        default:
            title = ctx.t("error.\(a.status.code).title") == "error.\(a.status.code).title" ? a.status.reasonPhrase : ctx.t("error.\(a.status.code).title")
            message = a.status == .internalServerError ? ctx.t("error.500.body") : a.detail
        }
        let response = ErrorPageView.render(ctx, title: title, message: message, status: a.status)
        for (name, value) in a.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map(String.init) ?? snakeCase($0.stringValue) }.joined(separator: ".")
            return p.isEmpty ? "the body" : "'\(p)'"
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)) must be \(readable(type))."
        case .valueNotFound(let type, let context): return "\(path(context)) must be \(readable(type)), not null."
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "'\(snakeCase(key.stringValue))' is required\(parent == "the body" ? "" : " in \(parent)")."
        case .dataCorrupted(let context): return "\(path(context)) is not valid: \(context.debugDescription)"
        @unknown default: return "The body could not be read."
        }
    }

    /// API field names are snake_case; Swift's coding paths are camelCase.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    private static func readable(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is Double.Type: return "a number"
        default: return "\(type)"
        }
    }
}

/// RFC 9457 `application/problem+json`, with per-field errors as an extension member.
struct ProblemDocument: Codable, Sendable {
    struct FieldError: Codable, Sendable {
        let field: String
        let detail: String
    }
    let type: String
    let title: String
    let status: Int
    let detail: String
    let errors: [FieldError]?
}
