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

    struct InviteForm: Content {
        var email: String?
        var role: String?
    }

    struct SettingsForm: Content {
        var name: String?
        var staff_count: String?
        var sector: String?
        var region: String?
        var require_mfa: String?
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

    struct Model: Sendable {
        let organisation: OrganisationSummary
        let people: [PersonSummary]
        let invitations: [InvitationSummary]
        let canManage: Bool
        /// The firm's communities, with who of its people take part (accepted the current charter).
        let communities: [OrganisationCommunity]
    }

    static func model(_ org: Organisation, viewer: SignedIn, req: Request) async throws -> Model {
        let id = try org.requireID()
        let canManage = AccountAccess.canManage(organisation: id.uuidString, viewer: viewer.viewer)
        let people = try await Person.query(on: req.db).filter(\.$organisation.$id == id).sort(\.$displayName).all()
        let invitations = canManage
            ? try await Invitation.query(on: req.db).filter(\.$organisation.$id == id).filter(\.$acceptedAt == nil)
                .filter(\.$revokedAt == nil).sort(\.$createdAt, .descending).all()
            : []
        let communities = try await req.shieldwall.links.organisationCommunities.communities(of: id, people: people, on: req.db)
        return Model(organisation: OrganisationSummary(org), people: people.map(PersonSummary.init),
                     invitations: invitations.map { InvitationSummary($0, now: req.now) }, canManage: canManage,
                     communities: communities)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (org, person) = try await Self.visibleOrganisation(req, manage: false)
        return OrganisationView.show(try await req.pageContext(), try await Self.model(org, viewer: person, req: req),
                                     invited: nil, inviteForm: InviteForm(), errors: [:])
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let (org, person) = try await Self.visibleOrganisation(req, manage: true)
        let form = try req.content.decode(InviteForm.self)
        do {
            guard let role = Viewer.OrganisationRole(rawValue: form.role ?? "") else {
                throw ValidationFailure(field: "role", key: "error.role")
            }
            let created = try await InvitationActions.create(email: form.email, kind: .organisation(try org.requireID(), role),
                                                             by: person, ctx: ActionContext(req))
            return OrganisationView.show(try await req.pageContext(), try await Self.model(org, viewer: person, req: req),
                                         invited: created, inviteForm: InviteForm(), errors: [:])
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return OrganisationView.show(ctx, try await Self.model(org, viewer: person, req: req), invited: nil, inviteForm: form,
                                         errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
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
        let form = try req.content.decode(SettingsForm.self)
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
            return OrganisationView.show(ctx, try await Self.model(org, viewer: person, req: req), invited: nil,
                                         inviteForm: InviteForm(), errors: failure.messages(ctx.localiser), settingsForm: form,
                                         status: .unprocessableEntity)
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
            return OrganisationView.show(ctx, try await Self.model(org, viewer: person, req: req), invited: nil, inviteForm: InviteForm(),
                                         errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
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
            return OrganisationView.show(ctx, try await Self.model(org, viewer: person, req: req), invited: nil, inviteForm: InviteForm(),
                                         errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func audit(req: Request) async throws -> Response {
        let (org, _) = try await Self.visibleOrganisation(req, manage: true)
        return try await AuditView.page(AuditEvent.query(on: req.db).filter(\.$organisationID == (try org.requireID())), req: req,
                                        title: req.t("audit.title-organisation", ["name": org.name]),
                                        basePath: SiteURL.organisationAudit(try org.requireID()).path)
    }
}

/// Plain copies of the models for views.
struct OrganisationSummary: Sendable {
    let id: UUID
    let name: String
    let staffCount: Int
    let size: String
    let sector: String
    let region: String
    let requireMFA: Bool
    let createdAt: Date

    init(_ o: Organisation) {
        id = o.id ?? UUID(); name = o.name; staffCount = o.staffCount; size = o.size.rawValue; sector = o.sector; region = o.region
        requireMFA = o.requireMFA; createdAt = o.createdAt
    }
}

struct PersonSummary: Sendable {
    let id: UUID
    let displayName: String
    let email: String
    let role: String?
    let mfaEnabled: Bool
    let isOperator: Bool
    let deactivatedAt: Date?

    init(_ p: Person) {
        id = p.id ?? UUID(); displayName = p.displayName; email = p.email; role = p.organisationRole?.rawValue
        mfaEnabled = p.mfaEnabled; isOperator = p.isOperator; deactivatedAt = p.deactivatedAt
    }
}

struct InvitationSummary: Sendable {
    let id: UUID
    let email: String
    let role: String
    let expiresAt: Date
    let state: Invitation.State

    init(_ i: Invitation, now: Date) {
        id = i.id ?? UUID(); email = i.email
        role = i.makesOperator ? "operator" : (i.organisationRole?.rawValue ?? "expert")
        expiresAt = i.expiresAt; state = i.state(at: now)
    }
}

struct AuditRow: Sendable {
    let at: Date
    let kind: String
    let email: String
    let detail: String
    let address: String

    init(_ e: AuditEvent) {
        at = e.at; kind = e.kind.rawValue; email = e.email; detail = e.detail; address = e.address
    }
}
