import Fluent
import Foundation
import ShieldwallCore

/// Invitations: who may invite whom is decided by `AccountAccess`; this creates, mails, finds and
/// accepts them, each in one transaction.
enum InvitationActions {
    enum Kind: Sendable, Equatable {
        case organisation(UUID, Viewer.OrganisationRole)
        case expert
        case `operator`
    }

    struct Created: Sendable {
        let invitationID: UUID
        let link: String
        let email: String
        let expiresAt: Date
        let mail: MailMessage
        /// False until the mail went out; the inviter then passes the link on.
        var mailed = false
    }

    /// Creates an invitation and, once it is saved, mails the link. The link is returned so the inviter sees it once.
    static func create(email rawEmail: String?, kind: Kind, by actor: SignedIn?, ctx: ActionContext) async throws -> Created {
        var created = try await save(email: rawEmail, kind: kind, by: actor, ctx: ctx)
        created.mailed = await ctx.mailAfterSaving([created.mail])
        return created
    }

    /// Creates an invitation without mailing it, for a caller whose own transaction holds it: that caller
    /// mails `created.mail` after its commit.
    static func save(email rawEmail: String?, kind: Kind, by actor: SignedIn?, ctx: ActionContext) async throws -> Created {
        let email: EmailAddress
        do { email = try EmailAddress(rawEmail ?? "") } catch {
            throw ValidationFailure(field: "email", key: error == .empty ? "error.required" : "error.email")
        }
        if try await Person.query(on: ctx.db).filter(\.$email == email.normalised).first() != nil {
            throw ValidationFailure(field: "email", key: "error.email-taken")
        }
        var organisationName: String?
        if case .organisation(let orgID, _) = kind {
            guard let org = try await Organisation.find(orgID, on: ctx.db) else {
                throw ValidationFailure(field: "organisation", key: "error.unknown-organisation")
            }
            organisationName = org.name
        }
        let token = SecretToken.generate()
        let invitation: Invitation
        switch kind {
        case .organisation(let orgID, let role):
            invitation = Invitation(tokenDigest: token.digest, email: email.normalised, organisationID: orgID,
                                    organisationRole: role, makesOperator: false, invitedByID: actor?.personID, createdAt: ctx.now)
        case .expert:
            invitation = Invitation(tokenDigest: token.digest, email: email.normalised, organisationID: nil,
                                    organisationRole: nil, makesOperator: false, invitedByID: actor?.personID, createdAt: ctx.now)
        case .operator:
            invitation = Invitation(tokenDigest: token.digest, email: email.normalised, organisationID: nil,
                                    organisationRole: nil, makesOperator: true, invitedByID: actor?.personID, createdAt: ctx.now)
        }
        let link = ctx.services.configuration.baseURL + SiteURL.invitation(token.value).path
        // In the inviter's language: the invited person has no account (and so no language) yet.
        let base = ctx.services.catalogues.localiser(for: actor?.language ?? CatalogueSet.baseLanguage)
        let inviter = actor?.displayName ?? "Shieldwall"
        let message = MailMessage(
            to: email.normalised,
            subject: base.text("mail.invitation.subject"),
            body: base.text("mail.invitation.body", [
                "inviter": inviter, "organisation": organisationName ?? base.text("mail.invitation.no-organisation"),
                "link": link, "days": "7",
            ]))
        try await ctx.db.transaction { tx in
            try await invitation.create(on: tx)
            try await AuditLog.record(.invitationCreated, personID: actor?.personID, email: email.normalised,
                                      organisationID: invitation.$organisation.id, detail: describe(kind),
                                      address: ctx.address, at: ctx.now, on: tx)
        }
        return Created(invitationID: try invitation.requireID(), link: link, email: email.normalised, expiresAt: invitation.expiresAt, mail: message)
    }

    static func describe(_ kind: Kind) -> String {
        switch kind {
        case .organisation(_, let role): return role.rawValue
        case .expert: return "expert"
        case .operator: return "operator"
        }
    }

    /// The invitation behind a link, if the link is one.
    static func find(token: String, on db: any Database) async throws -> Invitation? {
        guard !token.isEmpty, token.count < 200 else { return nil }
        return try await Invitation.query(on: db).filter(\.$tokenDigest == SecretToken.digest(of: token))
            .with(\.$organisation).first()
    }

    struct Acceptance: Sendable {
        var displayName: String?
        var password: String?
        var passwordConfirmation: String?
        var language: String?
    }

    /// Creates the person and marks the invitation used, together or not at all.
    static func accept(_ invitation: Invitation, _ input: Acceptance, ctx: ActionContext) async throws -> Person {
        guard invitation.state(at: ctx.now) == .open else {
            throw ValidationFailure(field: "invitation", key: "error.invitation-\(invitation.state(at: ctx.now).rawValue)")
        }
        var problems = ProblemList()
        let name = problems.text("display_name", input.displayName, maxLength: 100)
        let password = input.password ?? ""
        if let p = Passwords.problem(password, personalDetails: [invitation.email, name], policy: ctx.services.passwordPolicy) {
            problems.add(p.field, p.key, p.values)
        } else if password != (input.passwordConfirmation ?? "") {
            problems.add("password_confirmation", "error.password-mismatch")
        }
        let language = input.language.flatMap { ctx.services.catalogues.supports($0) ? $0 : nil } ?? CatalogueSet.baseLanguage
        try problems.throwIfAny()
        let hash = try await ctx.hasher.hash(password)
        let role = invitation.organisationRole
        let person = Person(email: invitation.email, displayName: name, passwordHash: hash,
                            organisationID: invitation.$organisation.id, organisationRole: role,
                            language: language, isOperator: invitation.makesOperator, createdAt: ctx.now)
        try await ctx.db.transaction { tx in
            // Re-read inside the transaction; two simultaneous acceptances cannot both create the
            // person, because e-mail addresses are unique.
            guard let fresh = try await Invitation.find(invitation.id, on: tx), fresh.acceptedAt == nil else {
                throw ValidationFailure(field: "invitation", key: "error.invitation-accepted")
            }
            if try await Person.query(on: tx).filter(\.$email == invitation.email).first() != nil {
                throw ValidationFailure(field: "invitation", key: "error.email-taken")
            }
            fresh.acceptedAt = ctx.now
            try await fresh.update(on: tx)
            try await person.create(on: tx)
            try await AuditLog.record(.invitationAccepted, personID: person.id, email: person.email,
                                      organisationID: person.$organisation.id, address: ctx.address, at: ctx.now, on: tx)
        }
        return person
    }
}
