import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A person's own settings: password, language, second factor, API tokens and sessions. Changing the
/// password, the second factor or tokens asks for the current password again.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.account, use: overview)
        routes.post(SiteURL.accountPassword, use: changePassword)
        routes.post(SiteURL.accountLanguage, use: changeLanguage)
        routes.get(SiteURL.accountMFA, use: showMFA)
        routes.post(SiteURL.accountMFAStart, use: startMFA)
        routes.post(SiteURL.accountMFAConfirm, use: confirmMFA)
        routes.post(SiteURL.accountMFADisable, use: disableMFA)
        routes.post(SiteURL.accountRecoveryCodes, use: regenerateRecoveryCodes)
        routes.get(SiteURL.accountTokens, use: showTokens)
        routes.post(SiteURL.accountTokens, use: createToken)
        routes.post(SiteURL.accountTokenRevoke, use: revokeToken)
        routes.get(SiteURL.accountSessions, use: showSessions)
        routes.post(SiteURL.accountSessionRevoke, use: revokeSession)
        routes.post(SiteURL.accountSignOutEverywhere, use: signOutEverywhere)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let person = try req.requirePerson(allowPendingMFAEnrolment: true)
        return AccountView.overview(try await req.pageContext(), AccountPage(person: person, errors: [:]))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let signedIn = try req.requirePerson(allowPendingMFAEnrolment: true)
        let form = try req.content.decode(PasswordForm.self)
        let person = try await Self.loadPerson(signedIn, req)
        do {
            try await Self.checkCurrentPassword(form.current_password, person: person, req: req)
            let newPassword = form.new_password ?? ""
            if let problem = Passwords.problem(newPassword, personalDetails: [person.email, person.displayName],
                                               policy: req.shieldwall.passwordPolicy, field: "new_password") {
                throw ValidationFailure([problem])
            }
            guard newPassword == (form.new_password_confirmation ?? "") else {
                throw ValidationFailure(field: "new_password_confirmation", key: "error.password-mismatch")
            }
            person.passwordHash = try await req.password.async.hash(newPassword)
            try await req.db.transaction { tx in
                try await person.update(on: tx)
                // Everyone else who had the old password is signed out.
                var others = WebSession.query(on: tx).filter(\.$person.$id == signedIn.personID)
                if let current = signedIn.sessionID { others = others.filter(\.$id != current) }
                try await others.delete()
            }
            try await AuditLog.record(.passwordChanged, person: person, req: req)
            return req.seeOther(SiteURL.account.path, flash: "flash.password-changed")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return AccountView.overview(ctx, AccountPage(person: signedIn, errors: failure.messages(ctx.localiser)), status: .unprocessableEntity)
        }
    }

    @Sendable func changeLanguage(req: Request) async throws -> Response {
        let signedIn = try req.requirePerson(allowPendingMFAEnrolment: true)
        let language = try req.content.decode(LanguageForm.self).language ?? ""
        guard req.shieldwall.catalogues.supports(language) else {
            throw ValidationFailure(field: "language", key: "error.unknown-language")
        }
        let person = try await Self.loadPerson(signedIn, req)
        person.language = language
        try await person.update(on: req.db)
        return req.seeOther(SiteURL.account.path, flash: "flash.language-changed")
    }

    static func loadPerson(_ signedIn: SignedIn, _ req: Request) async throws -> Person {
        guard let person = try await Person.query(on: req.db).filter(\.$id == signedIn.personID).with(\.$organisation).first() else {
            throw Abort(.notFound)
        }
        return person
    }

    /// Asks for the current password again before a sensitive change; a wrong one counts as a failed
    /// sign-in, so these forms cannot be used to guess passwords.
    static func checkCurrentPassword(_ password: String?, person: Person, req: Request) async throws {
        try await SignInGuard.check(req, email: person.email)
        let ok = (try? await req.password.async.verify(password ?? "", created: person.passwordHash)) ?? false
        guard ok, !(password ?? "").isEmpty else {
            try await SignInGuard.recordFailure(req, email: person.email, person: person, detail: "re-authentication")
            throw ValidationFailure(field: "current_password", key: "error.current-password")
        }
    }
}
