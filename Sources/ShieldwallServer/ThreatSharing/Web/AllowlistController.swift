import Fluent
import Foundation
import Plot
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

    struct EntryForm: Content {
        var value: String?
        var note: String?
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (org, person) = try await OrganisationController.visibleOrganisation(req, manage: false)
        return try await render(req, org, person, form: EntryForm(), errors: [:])
    }

    func render(_ req: Request, _ org: Organisation, _ person: SignedIn, form: EntryForm, errors: [String: String],
                status: HTTPStatus = .ok) async throws -> Response {
        let id = try org.requireID()
        let entries = try await AllowlistEntry.query(on: req.db).filter(\.$organisation.$id == id).sort(\.$value).all()
        let canManage = AccountAccess.canManage(organisation: id.uuidString, viewer: person.viewer)
        let ctx = try await req.pageContext()
        return Layout.page(ctx, title: ctx.t("allowlist.title", ["name": org.name]), status: status, content: [
            .p(.a(.href(SiteURL.organisation(id).path), .text(ctx.t("allowlist.back")))),
            .p(.text(ctx.t("allowlist.intro"))),
            Table.render(caption: ctx.t("allowlist.caption"), headers: [ctx.t("indicator.value"), ctx.t("indicator.type"), ctx.t("allowlist.note"), ""],
                         rows: entries.map { e in [
                            .code(.text(e.value)), .text(ctx.t("indicator.type.\(e.type)")), .text(e.note),
                            .if(canManage, Forms.button(ctx, action: SiteURL.organisationAllowlistDelete(id, e.id ?? UUID()).path,
                                                        text: ctx.t("allowlist.remove"), danger: true)),
                         ] }, empty: ctx.t("allowlist.empty")),
            .if(canManage, .group(
                .h2(.text(ctx.t("allowlist.add"))),
                Forms.errorSummary(ctx, errors),
                .form(.method(.post), .action(SiteURL.organisationAllowlist(id).path),
                      Forms.csrf(ctx),
                      Forms.field("value", label: ctx.t("allowlist.value"), value: form.value ?? "", error: errors["value"],
                                  hint: ctx.t("allowlist.value.hint")),
                      Forms.field("note", label: ctx.t("allowlist.note"), value: form.note ?? "", error: errors["note"], required: false),
                      Forms.submit(ctx.t("allowlist.add")))
            )),
        ])
    }

    @Sendable func add(req: Request) async throws -> Response {
        let (org, person) = try await OrganisationController.visibleOrganisation(req, manage: true)
        let form = try req.content.decode(EntryForm.self)
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
