import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's security dashboard (its people), the addresses it blocks and its integration keys (its admins).
struct IntegrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.organisationSecurity, use: dashboard)
        routes.post(SiteURL.organisationSecurityBlocks, use: block)
        routes.post(SiteURL.organisationSecurityBlockRemove, use: lift)
        routes.get(SiteURL.organisationIntegrations, use: keys)
        routes.post(SiteURL.organisationIntegrations, use: createKey)
        routes.post(SiteURL.organisationIntegrationKeyRevoke, use: revokeKey)
    }

    @Sendable func dashboard(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        return SecurityDashboardView.page(try await req.pageContext(), try await Self.dashboard(firm, person, req))
    }

    /// Blocks addresses in the firm's own firewall: what its bouncers pull next.
    @Sendable func block(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        let id = try firm.requireID()
        let form = try req.content.decode(FirmBlockForm.self)
        do {
            _ = try await FirmBlockActions.block(form.addresses, reason: form.reason, days: form.days, firm: id, by: person,
                                                 feed: req.shieldwall.links.firmThreatFeed, ctx: ActionContext(req))
            return req.seeOther(SiteURL.organisationSecurity(id).path + "#blocks", flash: "flash.addresses-blocked")
        } catch let failure as ValidationFailure {
            var page = try await Self.dashboard(firm, person, req)
            page.blockForm = form
            page.errors = failure.messages(req.localiser)
            return SecurityDashboardView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func lift(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        let id = try firm.requireID()
        guard let blockID = req.parameters.get(.blockID, as: UUID.self) else { throw Refusal(.notFound, "integrations.error.no-block") }
        try await FirmBlockActions.lift(blockID, firm: id, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.organisationSecurity(id).path + "#blocks", flash: "flash.block-lifted")
    }

    static func dashboard(_ firm: Organisation, _ person: SignedIn, _ req: Request) async throws -> SecurityDashboardPage {
        try await SecurityDashboardPage.build(firm, viewer: person, links: req.shieldwall.links, app: req.application, on: req.db, now: req.now)
    }

    @Sendable func keys(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .keys)
        return IntegrationKeysView.page(try await req.pageContext(), try await page(firm, req))
    }

    @Sendable func createKey(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .keys)
        let form = try req.content.decode(IntegrationKeyForm.self)
        do {
            let created = try await IntegrationKeyActions.create(firm: try firm.requireID(), name: form.name, scopes: form.scopes, by: person,
                                                                 ctx: ActionContext(req))
            return IntegrationKeysView.page(try await req.pageContext(), try await page(firm, req, created: created))
        } catch let failure as ValidationFailure {
            var page = try await page(firm, req)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return IntegrationKeysView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func revokeKey(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .keys)
        let id = try firm.requireID()
        try await IntegrationKeyActions.revoke(try await IntegrationScope.key(req, of: id), by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.organisationIntegrations(id).path, flash: "flash.integration-key-revoked")
    }

    private func page(_ firm: Organisation, _ req: Request, created: IntegrationKeyActions.Created? = nil) async throws -> IntegrationKeysPage {
        var page = try await IntegrationKeysPage.build(firm, baseURL: req.shieldwall.configuration.baseURL, on: req.db)
        page.created = created
        return page
    }
}
