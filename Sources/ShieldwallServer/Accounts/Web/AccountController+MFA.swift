import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Enrolling, confirming and removing the TOTP second factor, and recovery codes.
extension AccountController {
    @Sendable func showMFA(req: Request) async throws -> Response {
        let person = try req.requirePerson(allowPendingMFAEnrolment: true)
        let remaining = try await SecondFactor.remainingRecoveryCodes(for: person.personID, on: req.db)
        return AccountView.mfa(try await req.pageContext(), MFAPage(person: person, remainingCodes: remaining, errors: [:]))
    }

    /// Creates a pending secret and shows it with its `otpauth://` link; nothing changes until confirmed.
    @Sendable func startMFA(req: Request) async throws -> Response {
        let signedIn = try req.requirePerson(allowPendingMFAEnrolment: true)
        let person = try await Self.loadPerson(signedIn, req)
        let form = try req.content.decode(ReauthForm.self)
        do {
            try await Self.checkCurrentPassword(form.current_password, person: person, req: req)
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return AccountView.mfa(ctx, MFAPage(person: signedIn, remainingCodes: 0, errors: failure.messages(ctx.localiser)), status: .unprocessableEntity)
        }
        let secret = TOTP.newSecret()
        person.totpPendingSecret = Base32.encode(secret)
        try await person.update(on: req.db)
        return AccountView.enrol(try await req.pageContext(), MFAEnrolPage(secret: secret, email: person.email, error: nil))
    }

    @Sendable func confirmMFA(req: Request) async throws -> Response {
        let signedIn = try req.requirePerson(allowPendingMFAEnrolment: true)
        let person = try await Self.loadPerson(signedIn, req)
        guard let pending = person.totpPendingSecret, let secret = Base32.decode(pending) else {
            return req.seeOther(SiteURL.accountMFA.path)
        }
        let code = try req.content.decode(ReauthForm.self).code ?? ""
        guard let step = TOTP(secret: secret).verify(code, at: req.now, lastUsedStep: nil) else {
            let ctx = try await req.pageContext()
            return AccountView.enrol(ctx, MFAEnrolPage(secret: secret, email: person.email, error: ctx.t("mfa.code-wrong")), status: .unprocessableEntity)
        }
        person.totpSecret = pending
        person.totpPendingSecret = nil
        person.totpLastStep = step
        try await person.update(on: req.db)
        let codes = try await SecondFactor.newRecoveryCodes(for: signedIn.personID, on: req.db)
        try await AuditLog.record(.mfaEnabled, person: person, req: req)
        req.signedIn = try SignedIn(person: person, organisation: person.organisation, sessionID: signedIn.sessionID, stage: .full)
        return AccountView.recoveryCodes(try await req.pageContext(), RecoveryCodesPage(codes: codes))
    }

    @Sendable func disableMFA(req: Request) async throws -> Response {
        let signedIn = try req.requirePerson(allowPendingMFAEnrolment: true)
        let person = try await Self.loadPerson(signedIn, req)
        let form = try req.content.decode(ReauthForm.self)
        do {
            if person.organisation?.requireMFA == true {
                throw ValidationFailure(field: "mfa", key: "error.mfa-required-by-organisation")
            }
            try await Self.checkCurrentPassword(form.current_password, person: person, req: req)
            person.totpSecret = nil
            person.totpPendingSecret = nil
            try await req.db.transaction { tx in
                try await person.update(on: tx)
                try await RecoveryCode.query(on: tx).filter(\.$person.$id == signedIn.personID).delete()
            }
            try await AuditLog.record(.mfaDisabled, person: person, req: req)
            return req.seeOther(SiteURL.accountMFA.path, flash: "flash.mfa-disabled")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let remaining = try await SecondFactor.remainingRecoveryCodes(for: signedIn.personID, on: req.db)
            return AccountView.mfa(ctx, MFAPage(person: signedIn, remainingCodes: remaining, errors: failure.messages(ctx.localiser)),
                                   status: .unprocessableEntity)
        }
    }

    @Sendable func regenerateRecoveryCodes(req: Request) async throws -> Response {
        let signedIn = try req.requirePerson()
        let person = try await Self.loadPerson(signedIn, req)
        guard person.mfaEnabled else { return req.seeOther(SiteURL.accountMFA.path) }
        do {
            try await Self.checkCurrentPassword(try req.content.decode(ReauthForm.self).current_password, person: person, req: req)
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let remaining = try await SecondFactor.remainingRecoveryCodes(for: signedIn.personID, on: req.db)
            return AccountView.mfa(ctx, MFAPage(person: signedIn, remainingCodes: remaining, errors: failure.messages(ctx.localiser)),
                                   status: .unprocessableEntity)
        }
        let codes = try await SecondFactor.newRecoveryCodes(for: signedIn.personID, on: req.db)
        try await AuditLog.record(.mfaEnabled, person: person, detail: "new recovery codes", req: req)
        return AccountView.recoveryCodes(try await req.pageContext(), RecoveryCodesPage(codes: codes))
    }
}
