import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator invites someone from a provider to answer its reviews; they take it up from the link; the operator
/// can end it.
struct ProviderClaimController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.providerClaims, use: invite)
        routes.get(SiteURL.providerClaim, use: show)
        routes.post(SiteURL.providerClaim, use: accept)
        routes.post(SiteURL.providerClaimRevoke, use: revoke)
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        let form = try req.content.decode(ClaimInviteForm.self)
        do {
            let created = try await ClaimActions.invite(provider, email: form.email, by: person, ctx: ActionContext(req))
            var page = try await ProviderPage.build(provider, person: person, curator: curator, on: req.db, now: req.now)
            page.claimLink = (created.link, created.mailed)
            return ProvidersView.provider(try await req.pageContext(), page)
        } catch let failure as ValidationFailure {
            var page = try await ProviderPage.build(provider, person: person, curator: curator, on: req.db, now: req.now)
            page.errors = failure.messages(req.localiser)
            return ProvidersView.provider(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    /// The claim behind the link, or a page saying it cannot be used.
    private func claim(_ req: Request) async throws -> (ProviderClaim, String) {
        let token = req.parameters.get(.token) ?? ""
        guard let claim = try await ClaimActions.find(token: token, on: req.db) else {
            throw Abort(.notFound, reason: req.t("error.invitation-unknown"))
        }
        let state = claim.state(at: req.now)
        guard state == .open else { throw Abort(.gone, reason: req.t("error.invitation-\(state.rawValue)")) }
        return (claim, token)
    }

    private func page(_ req: Request, _ claim: ProviderClaim, token: String) async throws -> ProviderClaimPage {
        let mode: ProviderClaimPage.Mode
        if let person = req.signedIn {
            mode = person.email.lowercased() == claim.email ? .accept : .otherAccount(person.email)
        } else {
            mode = try await Person.query(on: req.db).filter(\.$email == claim.email).first() == nil ? .create : .signIn
        }
        return ProviderClaimPage(token: token, provider: claim.provider.name, email: claim.email, mode: mode)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (claim, token) = try await claim(req)
        return ProviderClaimView.show(try await req.pageContext(), try await page(req, claim, token: token))
    }

    @Sendable func accept(req: Request) async throws -> Response {
        let (claim, token) = try await claim(req)
        let ctx = ActionContext(req)
        let providerPath = SiteURL.provider(claim.$provider.id).path
        if let person = req.signedIn {
            try await ClaimActions.accept(claim, by: person, ctx: ctx)
            return req.seeOther(providerPath, flash: "flash.claim-accepted")
        }
        let form = try req.content.decode(ProviderClaimAccountForm.self)
        do {
            let person = try await ClaimActions.acceptWithNewAccount(claim, .init(displayName: form.display_name, password: form.password,
                                                                                  passwordConfirmation: form.password_confirmation), ctx: ctx)
            let response = req.seeOther(providerPath, flash: "flash.claim-accepted")
            try await SessionIssuer.start(req, person: person, stage: .full, response: response)
            try await AuditLog.record(.signIn, person: person, detail: "provider-claim", req: req)
            return response
        } catch let failure as ValidationFailure {
            var page = try await page(req, claim, token: token)
            page.form = ProviderClaimAccountForm(display_name: form.display_name)
            page.errors = failure.messages(req.localiser)
            return ProviderClaimView.show(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (provider, _) = try await ProviderScope.load(req, person: person)
        guard ProviderAccess.canInviteRepresentative(person.viewer) else { throw Abort(.forbidden, reason: req.t("providers.claim.error.operator")) }
        guard let id = req.parameters.get(.claimID, as: UUID.self), let claim = try await ProviderClaim.find(id, on: req.db),
              claim.$provider.id == provider.id
        else { throw Abort(.notFound, reason: req.t("error.invitation-unknown")) }
        try await ClaimActions.revoke(claim, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.provider(claim.$provider.id).path, flash: "flash.claim-revoked")
    }
}
