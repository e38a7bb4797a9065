import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// `/api/v1`: the signed-in person, organisations, their people, invitations and audit events.
/// Visibility follows `AccountAccess`, the same rules as the pages.
struct AccountsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.me, use: me)
        routes.get(APIURL.organisations, use: listOrganisations)
        routes.post(APIURL.organisations, use: createOrganisation)
        routes.get(APIURL.organisation, use: organisation)
        routes.patch(APIURL.organisation, use: changeOrganisation)
        routes.get(APIURL.organisationPeople, use: people)
        routes.post(APIURL.organisationInvitations, use: invite)
        routes.get(APIURL.organisationAuditEvents, use: auditEvents)
    }

    @Sendable func me(req: Request) async throws -> PersonDTO {
        let person = try req.requireAPIPerson()
        guard let row = try await Person.find(person.personID, on: req.db) else { throw Abort(.unauthorized) }
        return try PersonDTO(row)
    }

    @Sendable func listOrganisations(req: Request) async throws -> CursorPage<OrganisationDTO> {
        let person = try req.requireAPIPerson()
        let page = try PageRequest(req)
        let query = Organisation.query(on: req.db)
        if !person.viewer.isOperator {
            // Everyone else sees only their own organisation (experts: none).
            query.filter(\.$id ~~ (person.organisationID.map { [$0] } ?? []))
        }
        return try await page.fetch(query, map: OrganisationDTO.init).response
    }

    @Sendable func createOrganisation(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        guard AccountAccess.canOperate(viewer: person.viewer) else {
            throw Refusal(.forbidden, "org.error.create-who")
        }
        let body = try req.content.decode(NewOrganisationDTO.self)
        let org = try await OrganisationActions.create(
            .init(name: body.name, staffCount: body.staffCount.map(String.init), sector: body.sector, region: body.region),
            by: person, ctx: ActionContext(req))
        return try await OrganisationDTO(org).encodeResponse(status: .created, for: req)
    }

    static func visible(_ req: Request, manage: Bool) async throws -> (Organisation, SignedIn) {
        let person = try req.requireAPIPerson()
        guard let id = req.parameters.get(.orgID, as: UUID.self) else {
            throw Refusal(.notFound, "org.error.not-found")
        }
        let allowed = manage ? AccountAccess.canManage(organisation: id.uuidString, viewer: person.viewer)
                             : AccountAccess.canView(organisation: id.uuidString, viewer: person.viewer)
        guard allowed, let org = try await Organisation.find(id, on: req.db) else {
            throw Refusal(.notFound, "org.error.not-found")
        }
        return (org, person)
    }

    @Sendable func organisation(req: Request) async throws -> OrganisationDTO {
        try OrganisationDTO(try await Self.visible(req, manage: false).0)
    }

    @Sendable func changeOrganisation(req: Request) async throws -> OrganisationDTO {
        let (org, person) = try await Self.visible(req, manage: true)
        let body = try req.content.decode(OrganisationChangeDTO.self)
        let v = try OrganisationActions.validate(.init(
            name: body.name ?? org.name, staffCount: String(body.staffCount ?? org.staffCount),
            sector: body.sector ?? org.sector, region: body.region ?? org.region))
        let requireMFA = body.requireMfa ?? org.requireMFA
        let changedMFA = requireMFA != org.requireMFA
        org.name = v.name; org.staffCount = v.staff; org.size = v.size; org.sector = v.sector; org.region = v.region
        org.requireMFA = requireMFA
        try await req.db.transaction { tx in
            try await org.update(on: tx)
            if changedMFA {
                try await AuditLog.record(.mfaRequirementChanged, personID: person.personID, email: person.email, organisationID: org.id,
                                          detail: requireMFA ? "required" : "optional", address: req.clientAddress, at: req.now, on: tx)
            }
        }
        return try OrganisationDTO(org)
    }

    @Sendable func people(req: Request) async throws -> CursorPage<PersonDTO> {
        let (org, _) = try await Self.visible(req, manage: false)
        return try await PageRequest(req).fetch(Person.query(on: req.db).filter(\.$organisation.$id == org.requireID()), map: PersonDTO.init).response
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let (org, person) = try await Self.visible(req, manage: true)
        let body = try req.content.decode(NewInvitationDTO.self)
        guard let role = Viewer.OrganisationRole(rawValue: body.role ?? "") else {
            throw ValidationFailure(field: "role", key: "error.role")
        }
        let created = try await InvitationActions.create(email: body.email, kind: .organisation(try org.requireID(), role),
                                                         by: person, ctx: ActionContext(req))
        return try await InvitationDTO(id: created.invitationID, email: created.email, role: role.rawValue,
                                       expiresAt: created.expiresAt, link: created.link, mailed: created.mailed)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func auditEvents(req: Request) async throws -> CursorPage<AuditEventDTO> {
        let (org, _) = try await Self.visible(req, manage: true)
        return try await PageRequest(req).fetch(AuditEvent.query(on: req.db).filter(\.$organisationID == org.requireID()),
                                                map: AuditEventDTO.init).response
    }
}
