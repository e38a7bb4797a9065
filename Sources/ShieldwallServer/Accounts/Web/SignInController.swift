import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Sign in with e-mail and password, then the second factor when the person has one; sign out.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.signIn, use: showSignIn)
        routes.post(SiteURL.signIn, use: signIn)
        routes.get(SiteURL.signInCode, use: showCode)
        routes.post(SiteURL.signInCode, use: submitCode)
        routes.post(SiteURL.signOut, use: signOut)
    }

    struct SignInForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct CodeForm: Content {
        var code: String?
    }

    /// A Bcrypt hash of nothing anyone knows, checked when the e-mail is unknown so that the answer
    /// takes as long as for a real account.
    static let decoyHash: String = (try? Bcrypt.hash(UUID().uuidString, cost: 12)) ?? ""

    @Sendable func showSignIn(req: Request) async throws -> Response {
        if req.signedIn?.isFullySignedIn == true { return req.seeOther(SiteURL.home.path) }
        let ctx = try await req.pageContext()
        return SignInView.signIn(ctx, SignInPage(email: "", next: Self.safeNext(req.query[String.self, at: "next"]), error: nil))
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let email = (form.email ?? "").trimmingWhitespace().lowercased()
        let next = Self.safeNext(form.next)
        try await SignInGuard.check(req, email: email)
        let person = email.isEmpty ? nil : try await Person.query(on: req.db).filter(\.$email == email).with(\.$organisation).first()
        let password = form.password ?? ""
        let hash = person?.passwordHash ?? Self.decoyHash
        let matches = (try? await req.password.async.verify(password, created: hash)) ?? false
        guard let person, matches, !password.isEmpty, person.deactivatedAt == nil else {
            try await SignInGuard.recordFailure(req, email: email, person: person, detail: "password")
            let ctx = try await req.pageContext()
            return SignInView.signIn(ctx, SignInPage(email: form.email ?? "", next: next, error: ctx.t("signin.wrong")), status: .unauthorized)
        }
        let response = req.seeOther(person.mfaEnabled ? SiteURL.signInCode.path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/") : next)
        if person.mfaEnabled {
            try await SessionIssuer.start(req, person: person, stage: .password, response: response)
        } else {
            try await SessionIssuer.start(req, person: person, stage: .full, response: response)
            try await AuditLog.record(.signIn, person: person, detail: "password", req: req)
        }
        return response
    }

    @Sendable func showCode(req: Request) async throws -> Response {
        guard req.signedIn?.stage == .password else { return req.seeOther(SiteURL.signIn.path) }
        let ctx = try await req.pageContext()
        return SignInView.code(ctx, SignInCodePage(next: Self.safeNext(req.query[String.self, at: "next"]), error: nil))
    }

    @Sendable func submitCode(req: Request) async throws -> Response {
        guard let pending = req.signedIn, pending.stage == .password,
              let person = try await Person.query(on: req.db).filter(\.$id == pending.personID).with(\.$organisation).first()
        else { return req.seeOther(SiteURL.signIn.path) }
        let next = Self.safeNext(req.query[String.self, at: "next"])
        try await SignInGuard.check(req, email: person.email)
        let code = (try req.content.decode(CodeForm.self).code ?? "").trimmingWhitespace()
        let how: String?
        if code.contains("-") || code.count == 10 {
            how = try await SecondFactor.useRecoveryCode(code, person: person, req: req) ? "recovery code" : nil
        } else {
            how = try await SecondFactor.verifyAndConsume(code, person: person, req: req) ? "totp" : nil
        }
        guard let how else {
            try await SignInGuard.recordFailure(req, email: person.email, person: person, detail: "second factor")
            let ctx = try await req.pageContext()
            return SignInView.code(ctx, SignInCodePage(next: next, error: ctx.t("signin.code-wrong")), status: .unauthorized)
        }
        let response = req.seeOther(next)
        try await SessionIssuer.promote(req, person: person, response: response)
        try await AuditLog.record(.signIn, person: person, detail: "password + \(how)", req: req)
        return response
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        let response = req.seeOther(SiteURL.signIn.path, flash: "flash.signed-out")
        if let person = req.signedIn, person.isFullySignedIn {
            try await AuditLog.record(.signOut, signedIn: person, req: req)
        }
        try await SessionIssuer.signOut(req, response: response)
        return response
    }

    /// Only paths on this site: no scheme, no `//host`, no backslash tricks.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), !raw.contains("://"), raw.count < 300 else {
            return SiteURL.home.path
        }
        return raw
    }
}
