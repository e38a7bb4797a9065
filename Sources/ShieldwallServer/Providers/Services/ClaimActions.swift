import Fluent
import Foundation
import ShieldwallCore

/// Someone from a provider, invited by the operator, takes up the provider's answers to its reviews
/// (`ProviderClaim`): with the account they have, or one made from the link. Answering is all it gives.
enum ClaimActions {
    struct Created: Sendable {
        let claim: ProviderClaim
        /// Shown once to the operator, who passes it on if the mail did not go.
        let link: String
        let mailed: Bool
    }

    /// The operator invites `email` to answer for `provider`; the link goes by mail.
    static func invite(_ provider: Provider, email raw: String?, by person: SignedIn, ctx: ActionContext) async throws -> Created {
        guard ProviderAccess.canInviteRepresentative(person.viewer) else { throw Refusal(.forbidden, "providers.claim.error.operator") }
        guard provider.status == .approved else { throw Refusal(.conflict, "providers.claim.error.pending") }
        let email: EmailAddress
        do { email = try EmailAddress(raw ?? "") } catch {
            throw ValidationFailure(field: "email", key: error == .empty ? "error.required" : "error.email")
        }
        let token = SecretToken.generate()
        let claim = ProviderClaim()
        claim.$provider.id = try provider.requireID()
        claim.email = email.normalised
        claim.tokenDigest = token.digest
        claim.$invitedBy.id = person.personID
        claim.createdAt = ctx.now
        claim.expiresAt = ctx.now.addingTimeInterval(ProviderClaim.lifetime)
        let link = ctx.services.configuration.baseURL + SiteURL.providerClaim(token.value).path
        // Sent in the inviting operator's language: the invited person has no account (and so no language) yet.
        let base = ctx.services.catalogues.localiser(for: person.language)
        let mail = MailMessage(to: email.normalised, subject: base.text("mail.provider-claim.subject", ["provider": provider.name]),
                               body: base.text("mail.provider-claim.body", ["inviter": person.displayName, "provider": provider.name,
                                                                             "link": link, "days": "7"]))
        try await ctx.db.transaction { tx in
            try await claim.create(on: tx)
            try await AuditLog.record(.invitationCreated, personID: person.personID, email: email.normalised, organisationID: nil,
                                      detail: "provider:\(provider.name)", address: ctx.address, at: ctx.now, on: tx)
        }
        return Created(claim: claim, link: link, mailed: await ctx.mailAfterSaving([mail]))
    }

    /// The claim behind a link, with its provider.
    static func find(token: String, on db: any Database) async throws -> ProviderClaim? {
        guard !token.isEmpty, token.count < 200 else { return nil }
        return try await ProviderClaim.query(on: db).filter(\.$tokenDigest == SecretToken.digest(of: token)).with(\.$provider).first()
    }

    /// The signed-in person takes the claim up; the link was sent to their address, so only that account may.
    static func accept(_ claim: ProviderClaim, by person: SignedIn, ctx: ActionContext) async throws {
        guard claim.state(at: ctx.now) == .open else { throw ValidationFailure(field: "claim", key: "error.invitation-\(claim.state(at: ctx.now).rawValue)") }
        guard person.email.lowercased() == claim.email else {
            throw Refusal(.forbidden, "providers.claim.error.other-account", ["email": claim.email])
        }
        try await ctx.db.transaction { tx in
            try await take(claim, person: person.personID, on: tx, now: ctx.now)
            try await AuditLog.record(.invitationAccepted, personID: person.personID, email: claim.email, organisationID: nil,
                                      detail: "provider", address: ctx.address, at: ctx.now, on: tx)
        }
    }

    /// Someone without an account makes one from the link (no firm: they speak for the provider) and takes the
    /// claim up, together or not at all.
    static func acceptWithNewAccount(_ claim: ProviderClaim, _ input: InvitationActions.Acceptance, ctx: ActionContext) async throws -> Person {
        guard claim.state(at: ctx.now) == .open else { throw ValidationFailure(field: "claim", key: "error.invitation-\(claim.state(at: ctx.now).rawValue)") }
        if try await Person.query(on: ctx.db).filter(\.$email == claim.email).first() != nil {
            throw ValidationFailure(field: "claim", key: "providers.claim.error.sign-in-first")
        }
        var problems = ProblemList()
        let name = problems.text("display_name", input.displayName, maxLength: 100)
        let password = input.password ?? ""
        if let p = Passwords.problem(password, personalDetails: [claim.email, name], policy: ctx.services.passwordPolicy) {
            problems.add(p.field, p.key, p.values)
        } else if password != (input.passwordConfirmation ?? "") {
            problems.add("password_confirmation", "error.password-mismatch")
        }
        try problems.throwIfAny()
        let person = Person(email: claim.email, displayName: name, passwordHash: try await ctx.hasher.hash(password), organisationID: nil,
                            organisationRole: nil, language: CatalogueSet.baseLanguage, isOperator: false, createdAt: ctx.now)
        do {
            try await ctx.db.transaction { tx in
                try await person.create(on: tx)
                try await take(claim, person: try person.requireID(), on: tx, now: ctx.now)
                try await AuditLog.record(.invitationAccepted, personID: person.id, email: claim.email, organisationID: nil,
                                          detail: "provider", address: ctx.address, at: ctx.now, on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ValidationFailure(field: "claim", key: "providers.claim.error.sign-in-first")  // the address was taken a moment ago
        }
        return person
    }

    /// Re-read inside the transaction, so that two tabs cannot both take one link.
    private static func take(_ claim: ProviderClaim, person: UUID, on tx: any Database, now: Date) async throws {
        guard let fresh = try await ProviderClaim.find(claim.id, on: tx), fresh.state(at: now) == .open else {
            throw ValidationFailure(field: "claim", key: "error.invitation-accepted")
        }
        fresh.acceptedAt = now
        fresh.$person.id = person
        try await fresh.update(on: tx)
    }

    /// The operator ends a claim (open or taken up): that person answers no more.
    static func revoke(_ claim: ProviderClaim, by person: SignedIn, ctx: ActionContext) async throws {
        guard ProviderAccess.canInviteRepresentative(person.viewer) else { throw Refusal(.forbidden, "providers.claim.error.operator") }
        guard claim.revokedAt == nil else { return }
        claim.revokedAt = ctx.now
        try await claim.update(on: ctx.db)
    }
}
