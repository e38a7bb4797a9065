import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's own addresses and domains, which no community blocklist it belongs to will ever carry.
/// Its people can read the list; its admins change it.
struct AllowlistController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.organisationAllowlist, use: show)
        routes.post(SiteURL.organisationAllowlist, use: add)
        routes.post(SiteURL.organisationAllowlistDelete, use: remove)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (org, person) = try await OrganisationController.visibleOrganisation(req, manage: false)
        return try await render(req, org, person, form: AllowlistForm(), errors: [:])
    }

    func render(_ req: Request, _ org: Organisation, _ person: SignedIn, form: AllowlistForm, errors: [String: String],
                status: HTTPStatus = .ok) async throws -> Response {
        let page = try await AllowlistPage.build(org, viewer: person, form: form, errors: errors, on: req.db)
        return AllowlistView.page(try await req.pageContext(), page, status: status)
    }

    @Sendable func add(req: Request) async throws -> Response {
        let (org, person) = try await OrganisationController.visibleOrganisation(req, manage: true)
        let form = try req.content.decode(AllowlistForm.self)
        let ctx = try await req.pageContext()
        let note = (form.note ?? "").trimmingWhitespace()
        switch IndicatorValue.normalise(form.value ?? "") {
        case .success(let value) where note.count <= 200:
            let id = try org.requireID()
            if try await AllowlistEntry.query(on: req.db).filter(\.$organisation.$id == id).filter(\.$type == value.type)
                .filter(\.$value == value.value).first() == nil {
                try await AllowlistEntry(organisationID: id, value: value, note: note, createdAt: req.now).create(on: req.db)
                try await ThreatDataVersion.bump(on: req.db)
            }
            return req.seeOther(SiteURL.organisationAllowlist(id).path, flash: "flash.allowlist-added")
        case .success:
            return try await render(req, org, person, form: form, errors: ["note": ctx.t("error.too-long", ["max": "200"])], status: .unprocessableEntity)
        case .failure(let problem):
            return try await render(req, org, person, form: form,
                                    errors: ["value": ctx.t(IndicatorMessages.key(problem), ["n": "1", "value": String((form.value ?? "").prefix(80))])],
                                    status: .unprocessableEntity)
        }
    }

    @Sendable func remove(req: Request) async throws -> Response {
        let (org, _) = try await OrganisationController.visibleOrganisation(req, manage: true)
        let id = try org.requireID()
        guard let entryID = req.parameters.get(.entryID, as: UUID.self) else { throw Abort(.notFound) }
        try await AllowlistEntry.query(on: req.db).filter(\.$organisation.$id == id).filter(\.$id == entryID).delete()
        try await ThreatDataVersion.bump(on: req.db)
        return req.seeOther(SiteURL.organisationAllowlist(id).path, flash: "flash.allowlist-removed")
    }
}
