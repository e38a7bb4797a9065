import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Invitations, join requests and their answers, leaving, removal and suspension.
enum MembershipActions {
    struct Counts: Sendable {
        let organisations: Int
        let experts: Int
        let pendingOrganisations: Int
        let pendingExperts: Int
    }

    static func counts(_ communityID: UUID, ctx: ActionContext) async throws -> Counts {
        let open = try await CommunityInvitation.query(on: ctx.db).filter(\.$community.$id == communityID)
            .filter(\.$status == CommunityInvitation.Status.open).filter(\.$expiresAt > ctx.now).all()
        return Counts(
            organisations: try await CommunityOrganisation.query(on: ctx.db).filter(\.$community.$id == communityID)
                .filter(\.$status == ParticipationStatus.active).count(),
            experts: try await CommunityPerson.query(on: ctx.db).filter(\.$community.$id == communityID)
                .filter(\.$role == CommunityRole.expert).filter(\.$status == ParticipationStatus.active).count(),
            pendingOrganisations: open.filter { $0.$organisation.id != nil }.count,
            pendingExperts: open.filter { $0.$person.id != nil }.count)
    }

    struct Invited: Sendable {
        /// Set when the group grows past the size guidance: the facilitator is told, not stopped.
        let warning: FieldProblem?
        /// False when the e-mail could not be sent: the invitation stands, and shows on their home page.
        let mailed: Bool
    }

    /// Invites a firm (its admins answer) or an independent expert. Refuses unknown, already-member
    /// or already-invited firms and people, and anything past the operator's hard cap.
    static func invite(to community: Community, organisationID: UUID?, expertID: UUID?, message rawMessage: String?,
                       by person: SignedIn, ctx: ActionContext) async throws -> Invited {
        let communityID = try community.requireID()
        let message = (rawMessage ?? "").trimmingWhitespace()
        if message.count > 1000 { throw ValidationFailure(field: "message", key: "error.too-long", values: ["max": "1000"]) }
        let counts = try await counts(communityID, ctx: ctx)
        var verdict = SizeGuidance.Verdict.fine
        var recipients: [Person] = []
        var subject = ""
        if let organisationID {
            guard let org = try await Organisation.find(organisationID, on: ctx.db) else {
                throw ValidationFailure(field: "organisation", key: "error.unknown-organisation")
            }
            if let row = try await CommunityOrganisation.query(on: ctx.db).filter(\.$community.$id == communityID)
                .filter(\.$organisation.$id == organisationID).first(), row.status != .former {
                throw ValidationFailure(field: "organisation", key: "error.already-member")
            }
            if try await openInvitation(communityID, organisationID: organisationID, expertID: nil, ctx: ctx) != nil {
                throw ValidationFailure(field: "organisation", key: "error.already-invited")
            }
            verdict = community.guidance.organisationVerdict(current: counts.organisations, pending: counts.pendingOrganisations)
            recipients = try await Person.query(on: ctx.db).filter(\.$organisation.$id == organisationID)
                .filter(\.$organisationRole == Viewer.OrganisationRole.admin).all()
            subject = org.name
        } else if let expertID {
            guard let expert = try await Person.find(expertID, on: ctx.db), expert.$organisation.id == nil, !expert.isOperator else {
                throw ValidationFailure(field: "expert", key: "error.unknown-expert")
            }
            if let row = try await CommunityPerson.query(on: ctx.db).filter(\.$community.$id == communityID)
                .filter(\.$person.$id == expertID).first(), row.status != .former {
                throw ValidationFailure(field: "expert", key: "error.already-member")
            }
            if try await openInvitation(communityID, organisationID: nil, expertID: expertID, ctx: ctx) != nil {
                throw ValidationFailure(field: "expert", key: "error.already-invited")
            }
            verdict = community.guidance.expertVerdict(current: counts.experts, pending: counts.pendingExperts)
            recipients = [expert]
            subject = expert.displayName
        } else {
            throw ValidationFailure(field: "organisation", key: "error.invite-whom")
        }
        if case .refused(let cap) = verdict {
            throw ValidationFailure(field: "organisation", key: "error.community-full", values: ["cap": String(cap)])
        }
        let invitation = CommunityInvitation(communityID: communityID, organisationID: organisationID, personID: expertID,
                                             message: message, invitedByID: person.personID, createdAt: ctx.now)
        let subjectName = subject
        try await ctx.db.transaction { tx in
            try await invitation.create(on: tx)
            try await AuditLog.record(.communityInvitationSent, personID: person.personID, email: person.email,
                                      organisationID: organisationID, detail: "\(community.name): \(subjectName)",
                                      address: ctx.address, at: ctx.now, on: tx)
        }
        let mailed = await ctx.mailAfterSaving(recipients.map { recipient in
            let l = ctx.services.catalogues.localiser(for: recipient.language)
            return MailMessage(
                to: recipient.email, subject: l.text("mail.community-invitation.subject", ["community": community.name]),
                body: l.text("mail.community-invitation.body", [
                    "inviter": person.displayName, "community": community.name,
                    "message": message.isEmpty ? "" : "\n\n“\(message)”",
                    "link": ctx.services.configuration.baseURL + SiteURL.home.path,
                ]))
        })
        if case .aboveGuidance(let guidance, let resulting) = verdict {
            return Invited(warning: FieldProblem(field: "organisation", key: "community.above-guidance",
                                                 values: ["guidance": String(guidance), "resulting": String(resulting)]), mailed: mailed)
        }
        return Invited(warning: nil, mailed: mailed)
    }

    static func openInvitation(_ communityID: UUID, organisationID: UUID?, expertID: UUID?, ctx: ActionContext) async throws -> CommunityInvitation? {
        var query = CommunityInvitation.query(on: ctx.db).filter(\.$community.$id == communityID)
            .filter(\.$status == CommunityInvitation.Status.open).filter(\.$expiresAt > ctx.now)
        if let organisationID { query = query.filter(\.$organisation.$id == organisationID) }
        if let expertID { query = query.filter(\.$person.$id == expertID) }
        return try await query.first()
    }

    /// Invitations waiting for this person's answer: to their firm (if they are its admin) or to them.
    static func pendingInvitations(for person: SignedIn, on db: any Database, now: Date) async throws -> [CommunityInvitation] {
        // The person's own and, for a firm's admin, the firm's: one query, with each invitation's community joined.
        let firm = person.viewer.organisationRole == .admin ? person.organisationID : nil
        let result = try await CommunityInvitation.query(on: db)
            .join(Community.self, on: \CommunityInvitation.$community.$id == \Community.$id)
            .group(.or) { either in
                either.filter(\.$person.$id == person.personID)
                if let firm { either.filter(\.$organisation.$id == firm) }
            }
            .filter(\.$status == CommunityInvitation.Status.open).filter(\.$expiresAt > now).all()
        for invitation in result { invitation.$community.value = try invitation.joined(Community.self) }
        return result.filter { $0.community.status != .archived }
    }

    /// Accepts or declines; an accepted invitation makes the firm (or expert) an active participant.
    static func answer(_ invitation: CommunityInvitation, accept: Bool, by person: SignedIn, ctx: ActionContext) async throws {
        let mayAnswer = invitation.$person.id == person.personID
            || (invitation.$organisation.id != nil && invitation.$organisation.id == person.organisationID && person.viewer.organisationRole == .admin)
        guard mayAnswer else { throw Abort(.notFound) }
        guard invitation.status == .open else {
            throw ValidationFailure(field: "invitation", key: "error.community-invitation-answered")
        }
        guard invitation.expiresAt > ctx.now else { throw ValidationFailure(field: "invitation", key: "error.community-invitation-expired") }
        let community = try await invitation.$community.get(on: ctx.db)
        guard community.status != .archived else { throw ValidationFailure(field: "invitation", key: "error.community-archived") }
        if accept, invitation.$organisation.id != nil, let cap = community.hardCap {
            let counts = try await counts(try community.requireID(), ctx: ctx)
            if counts.organisations + 1 > cap { throw ValidationFailure(field: "invitation", key: "error.community-full", values: ["cap": String(cap)]) }
        }
        try await ctx.db.transaction { tx in
            invitation.status = (accept ? CommunityInvitation.Status.accepted : .declined)
            invitation.answeredAt = ctx.now
            try await invitation.update(on: tx)
            guard accept else { return }
            try await join(community, organisationID: invitation.$organisation.id, expertID: invitation.$person.id, on: tx, now: ctx.now)
            try await AuditLog.record(.communityJoined, personID: person.personID, email: person.email,
                                      organisationID: invitation.$organisation.id, detail: community.name,
                                      address: ctx.address, at: ctx.now, on: tx)
        }
    }

    /// Makes a firm or an expert active, reviving a former participation (its history stays).
    static func join(_ community: Community, organisationID: UUID?, expertID: UUID?, on db: any Database, now: Date) async throws {
        let communityID = try community.requireID()
        if let organisationID {
            if let row = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == communityID)
                .filter(\.$organisation.$id == organisationID).first() {
                row.status = ParticipationStatus.active
                row.leftAt = nil
                row.joinedAt = now
                try await row.update(on: db)
            } else {
                try await CommunityOrganisation(communityID: communityID, organisationID: organisationID, joinedAt: now).create(on: db)
            }
        }
        if let expertID {
            if let row = try await CommunityPerson.query(on: db).filter(\.$community.$id == communityID)
                .filter(\.$person.$id == expertID).first() {
                row.status = ParticipationStatus.active
                row.role = CommunityRole.expert
                row.leftAt = nil
                try await row.update(on: db)
            } else {
                try await CommunityPerson(communityID: communityID, personID: expertID, role: .expert, joinedAt: now).create(on: db)
            }
        }
    }

    /// A firm asks to join a listed community.
    static func requestToJoin(_ community: Community, reason raw: String?, by person: SignedIn, ctx: ActionContext) async throws {
        guard community.listed, community.status == .active else { throw Abort(.notFound) }
        guard let orgID = person.organisationID, person.viewer.organisationRole == .admin else {
            throw ValidationFailure(field: "reason", key: "error.join-admins-only")
        }
        var problems = ProblemList()
        let reason = problems.text("reason", raw, maxLength: 1000)
        try problems.throwIfAny()
        let communityID = try community.requireID()
        if let row = try await CommunityOrganisation.query(on: ctx.db).filter(\.$community.$id == communityID)
            .filter(\.$organisation.$id == orgID).first(), row.status != .former {
            throw ValidationFailure(field: "reason", key: "error.already-member")
        }
        if try await JoinRequest.query(on: ctx.db).filter(\.$community.$id == communityID).filter(\.$organisation.$id == orgID)
            .filter(\.$status == JoinRequest.Status.pending).first() != nil {
            throw ValidationFailure(field: "reason", key: "error.join-pending")
        }
        try await JoinRequest(communityID: communityID, organisationID: orgID, requestedByID: person.personID, reason: reason,
                              createdAt: ctx.now).create(on: ctx.db)
    }

    static func decide(_ request: JoinRequest, approve: Bool, reason raw: String?, community: Community,
                       by person: SignedIn, ctx: ActionContext) async throws {
        guard request.status == .pending else {
            throw ValidationFailure(field: "request", key: "error.join-decided")
        }
        let reason = (raw ?? "").trimmingWhitespace()
        if !approve && reason.isEmpty { throw ValidationFailure(field: "decision_reason", key: "error.decline-reason") }
        if reason.count > 1000 { throw ValidationFailure(field: "decision_reason", key: "error.too-long", values: ["max": "1000"]) }
        if approve, let cap = community.hardCap {
            let counts = try await counts(try community.requireID(), ctx: ctx)
            if counts.organisations + 1 > cap { throw ValidationFailure(field: "request", key: "error.community-full", values: ["cap": String(cap)]) }
        }
        try await ctx.db.transaction { tx in
            request.status = (approve ? JoinRequest.Status.approved : .declined)
            request.decisionReason = reason.isEmpty ? nil : reason
            request.decidedAt = ctx.now
            try await request.update(on: tx)
            if approve {
                try await join(community, organisationID: request.$organisation.id, expertID: nil, on: tx, now: ctx.now)
                try await AuditLog.record(.communityJoined, personID: person.personID, email: person.email,
                                          organisationID: request.$organisation.id, detail: community.name,
                                          address: ctx.address, at: ctx.now, on: tx)
            }
        }
    }

    /// Leaving (by the firm's admin or the expert) or removal and suspension (by the facilitator).
    static func setStatus(_ community: Community, organisationID: UUID?, personID: UUID?, to status: ParticipationStatus,
                          note: String?, by person: SignedIn, ctx: ActionContext) async throws {
        let communityID = try community.requireID()
        try await ctx.db.transaction { tx in
            if let organisationID {
                guard let row = try await CommunityOrganisation.query(on: tx).filter(\.$community.$id == communityID)
                    .filter(\.$organisation.$id == organisationID).first() else { throw Abort(.notFound) }
                row.status = status
                row.leftAt = status == .former ? ctx.now : nil
                row.note = note
                try await row.update(on: tx)
            } else if let personID {
                guard let row = try await CommunityPerson.query(on: tx).filter(\.$community.$id == communityID)
                    .filter(\.$person.$id == personID).first() else { throw Abort(.notFound) }
                if row.role == .facilitator && status != .active {
                    throw ValidationFailure(field: "person", key: "error.facilitator-hand-over-first")
                }
                row.status = status
                row.leftAt = status == .former ? ctx.now : nil
                try await row.update(on: tx)
            }
            if status == .former {
                try await AuditLog.record(.communityLeft, personID: person.personID, email: person.email, organisationID: organisationID,
                                          detail: community.name + (note.map { ": " + $0 } ?? ""), address: ctx.address, at: ctx.now, on: tx)
            }
        }
    }
}
