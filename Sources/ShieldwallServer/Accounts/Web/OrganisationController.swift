import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// An organisation's page: its people and, for its admins and operators, invitations, settings and
/// the audit log. Who may do what is decided by `AccountAccess`.
struct OrganisationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.organisation, use: show)
        routes.post(SiteURL.organisationInvitations, use: invite)
        routes.post(SiteURL.organisationInvitationRevoke, use: revokeInvitation)
        routes.get(SiteURL.organisationAudit, use: audit)
        routes.post(SiteURL.organisationSettings, use: saveSettings)
        routes.post(SiteURL.organisationPersonRole, use: changeRole)
        routes.post(SiteURL.organisationPersonDeactivate, use: deactivate)
    }

    /// The organisation named in the path, if the viewer may see it; 404 otherwise (whether or not it
    /// exists, so ids cannot be probed).
    static func visibleOrganisation(_ req: Request, manage: Bool) async throws -> (Organisation, SignedIn) {
        let person = try req.requirePerson()
        guard let id = req.parameters.get(.orgID, as: UUID.self) else { throw Abort(.notFound) }
        let allowed = manage ? AccountAccess.canManage(organisation: id.uuidString, viewer: person.viewer)
                             : AccountAccess.canView(organisation: id.uuidString, viewer: person.viewer)
        guard allowed, let org = try await Organisation.find(id, on: req.db) else {
            throw Abort(.notFound, reason: req.t("error.organisation-not-found"))
        }
        return (org, person)
    }

    static func page(_ org: Organisation, viewer: SignedIn, req: Request) async throws -> OrganisationPage {
        try await OrganisationPage.build(org, viewer: viewer, communities: req.shieldwall.links.organisationCommunities, on: req.db, now: req.now)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (org, person) = try await Self.visibleOrganisation(req, manage: false)
        return OrganisationView.show(try await req.pageContext(), try await Self.page(org, viewer: person, req: req))
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let (org, person) = try await Self.visibleOrganisation(req, manage: true)
        let form = try req.content.decode(OrganisationInviteForm.self)
        do {
            guard let role = Viewer.OrganisationRole(rawValue: form.role ?? "") else {
                throw ValidationFailure(field: "role", key: "error.role")
            }
            let created = try await InvitationActions.create(email: form.email, kind: .organisation(try org.requireID(), role),
                                                             by: person, ctx: ActionContext(req))
            var page = try await Self.page(org, viewer: person, req: req)
            page.invited = created
            return OrganisationView.show(try await req.pageContext(), page)
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            var page = try await Self.page(org, viewer: person, req: req)
            page.inviteForm = form
            page.errors = failure.messages(ctx.localiser)
            return OrganisationView.show(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func revokeInvitation(req: Request) async throws -> Response {
        let (org, person) = try await Self.visibleOrganisation(req, manage: true)
        guard let id = req.parameters.get(.invitationID, as: UUID.self),
              let invitation = try await Invitation.query(on: req.db).filter(\.$id == id)
                .filter(\.$organisation.$id == org.requireID()).first(),
              invitation.acceptedAt == nil
        else { throw Abort(.notFound, reason: req.t("error.invitation-unknown")) }
        invitation.revokedAt = req.now
        try await invitation.update(on: req.db)
        try await AuditLog.record(.invitationRevoked, personID: person.personID, email: invitation.email,
                                  organisationID: org.id, address: req.clientAddress, at: req.now, on: req.db)
        return req.seeOther(SiteURL.organisation(try org.requireID()).path, flash: "flash.invitation-revoked")
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        let (org, person) = try await Self.visibleOrganisation(req, manage: true)
        let form = try req.content.decode(OrganisationSettingsForm.self)
        do {
            let v = try OrganisationActions.validate(.init(name: form.name, staffCount: form.staff_count, sector: form.sector, region: form.region))
            let requireMFA = form.require_mfa == "true"
            let changedMFA = requireMFA != org.requireMFA
            org.name = v.name; org.staffCount = v.staff; org.size = v.size; org.sector = v.sector; org.region = v.region
            org.requireMFA = requireMFA
            try await org.update(on: req.db)
            if changedMFA {
                try await AuditLog.record(.mfaRequirementChanged, personID: person.personID, email: person.email, organisationID: org.id,
                                          detail: requireMFA ? "required" : "optional", address: req.clientAddress, at: req.now, on: req.db)
            }
            return req.seeOther(SiteURL.organisation(try org.requireID()).path, flash: "flash.organisation-saved")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            var page = try await Self.page(org, viewer: person, req: req)
            page.settingsForm = form
            page.errors = failure.messages(ctx.localiser)
            return OrganisationView.show(ctx, page, status: .unprocessableEntity)
        }
    }

    struct RoleForm: Content { var role: String? }

    @Sendable func changeRole(req: Request) async throws -> Response {
        let (org, person) = try await Self.visibleOrganisation(req, manage: true)
        guard let personID = req.parameters.get(.personID, as: UUID.self) else { throw Abort(.notFound) }
        do {
            guard let role = Viewer.OrganisationRole(rawValue: try req.content.decode(RoleForm.self).role ?? "") else {
                throw ValidationFailure(field: "role", key: "error.role")
            }
            try await PeopleActions.changeRole(personID, in: try org.requireID(), to: role, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.organisation(try org.requireID()).path, flash: "flash.role-changed")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            var page = try await Self.page(org, viewer: person, req: req)
            page.errors = failure.messages(ctx.localiser)
            return OrganisationView.show(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func deactivate(req: Request) async throws -> Response {
        let (org, person) = try await Self.visibleOrganisation(req, manage: true)
        guard let personID = req.parameters.get(.personID, as: UUID.self) else { throw Abort(.notFound) }
        do {
            try await PeopleActions.deactivate(personID, in: try org.requireID(), by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.organisation(try org.requireID()).path, flash: "flash.person-deactivated")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            var page = try await Self.page(org, viewer: person, req: req)
            page.errors = failure.messages(ctx.localiser)
            return OrganisationView.show(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func audit(req: Request) async throws -> Response {
        let (org, _) = try await Self.visibleOrganisation(req, manage: true)
        let page = try await AuditPage.build(AuditEvent.query(on: req.db).filter(\.$organisationID == (try org.requireID())), before: Self.before(req),
                                             title: req.t("audit.title-organisation", ["name": org.name]),
                                             basePath: SiteURL.organisationAudit(try org.requireID()).path)
        return AuditView.list(try await req.pageContext(), page)
    }

    /// `?before=`: an ISO 8601 time, the newest event of the page after this one.
    static func before(_ req: Request) -> Date? {
        req.query[String.self, at: "before"].flatMap { ISO8601DateFormatter().date(from: $0) }
    }
}
