import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator's federation page: peers pulled from (added, pulled now, paused, removed) and the reading accounts
/// of other instances (made, revoked).
struct FederationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.operatorFederation, use: show)
        routes.post(SiteURL.operatorFederation, use: add)
        routes.post(SiteURL.operatorPeerPull, use: pull)
        routes.post(SiteURL.operatorPeerPause, use: pause)
        routes.post(SiteURL.operatorPeerRemove, use: remove)
        routes.post(SiteURL.operatorPeerAccounts, use: createAccount)
        routes.post(SiteURL.operatorPeerAccountRevoke, use: revokeAccount)
        routes.post(SiteURL.operatorPeerAccountPush, use: accountPush)
    }

    static func requireOperator(_ req: Request) throws -> SignedIn {
        let person = try req.requirePerson()
        guard FederationAccess.canManagePeers(viewer: person.viewer) else { throw Abort(.forbidden, reason: req.t("error.operators-only")) }
        return person
    }

    static func page(_ req: Request) async throws -> FederationPage {
        try await FederationPage.build(configuration: req.shieldwall.configuration, on: req.db)
    }

    @Sendable func show(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        return FederationView.page(try await req.pageContext(), try await Self.page(req))
    }

    @Sendable func add(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        let form = try req.content.decode(PeerForm.self)
        do {
            _ = try await PeerActions.add(form, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.operatorFederation.path + "#peers", flash: "flash.peer-added")
        } catch let failure as ValidationFailure {
            var page = try await Self.page(req)
            page.form = form
            page.form.secret = nil
            page.errors = failure.messages(req.localiser)
            return FederationView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    /// Pulls the peer while the operator waits (each answer within 30 seconds), then shows how it went.
    @Sendable func pull(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        let peer = try await PeerActions.find(req.parameters.get(.peerID, as: UUID.self), on: req.db)
        let ctx = ActionContext(req)
        guard try await PeerPull.claim(peer, ctx) else { throw Refusal(.conflict, "federation.error.pulling") }
        _ = person
        let result = await PeerPull.pull(peer, ctx: ctx, fetcher: HTTPTaxiiFetcher(client: req.application.http.client.shared))
        switch result {
        case .success: return req.seeOther(SiteURL.operatorFederation.path + "#peers", flash: "flash.peer-pulled")
        case .failure: return req.seeOther(SiteURL.operatorFederation.path + "#peers", flash: "flash.peer-pull-failed")
        }
    }

    struct PauseForm: Content { var paused: Bool? }

    @Sendable func pause(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        let peer = try await PeerActions.find(req.parameters.get(.peerID, as: UUID.self), on: req.db)
        let form = try req.content.decode(PauseForm.self)
        try await PeerActions.setPaused(peer, form.paused ?? true, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.operatorFederation.path + "#peers", flash: (form.paused ?? true) ? "flash.peer-paused" : "flash.peer-resumed")
    }

    @Sendable func remove(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        let peer = try await PeerActions.find(req.parameters.get(.peerID, as: UUID.self), on: req.db)
        try await PeerActions.remove(peer, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.operatorFederation.path + "#peers", flash: "flash.peer-removed")
    }

    @Sendable func createAccount(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        let form = try req.content.decode(PeerAccountForm.self)
        do {
            let created = try await PeerAccounts.create(name: form.name, by: person, ctx: ActionContext(req))
            var page = try await Self.page(req)
            page.created = created
            return FederationView.page(try await req.pageContext(), page)
        } catch let failure as ValidationFailure {
            var page = try await Self.page(req)
            page.accountErrors = failure.messages(req.localiser)
            return FederationView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func revokeAccount(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        guard let id = req.parameters.get(.accountID, as: UUID.self) else { throw Refusal(.notFound, "federation.error.no-account") }
        try await PeerAccounts.revoke(id, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.operatorFederation.path + "#accounts", flash: "flash.peer-account-revoked")
    }

    /// Lets a reading account push into one community up to one marking, or stops it.
    @Sendable func accountPush(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        guard let id = req.parameters.get(.accountID, as: UUID.self) else { throw Refusal(.notFound, "federation.error.no-account") }
        let form = try req.content.decode(PushForm.self)
        do {
            try await PeerAccounts.setPush(id, community: form.push_community, highest: form.push_highest_tlp, by: person, ctx: ActionContext(req))
            let allowed = !(form.push_community ?? "").trimmingWhitespace().isEmpty
            return req.seeOther(SiteURL.operatorFederation.path + "#accounts", flash: allowed ? "flash.peer-push-allowed" : "flash.peer-push-stopped")
        } catch let failure as ValidationFailure {
            var page = try await Self.page(req)
            page.accountErrors = failure.messages(req.localiser)
            return FederationView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }
}

/// A community's federation page: its facilitator agrees, or stops agreeing, that TLP:AMBER crosses to or from
/// another instance.
struct CommunityFederationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityFederation, use: show)
        routes.post(SiteURL.communityPeerAmber, use: peerAmber)
        routes.post(SiteURL.communityAccountAmber, use: accountAmber)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        return FederationView.community(try await req.pageContext(), try await CommunityFederationPage.build(community, on: req.db))
    }

    @Sendable func peerAmber(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        let peer = try await PeerActions.find(req.parameters.get(.peerID, as: UUID.self), on: req.db)
        guard peer.$community.id == community.id else { throw Refusal(.notFound, "federation.error.no-peer") }
        let agree = try req.content.decode(AgreementForm.self).agree ?? false
        try await PeerActions.agreeToAmber(peer, community: community, standing: standing, agree: agree, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.communityFederation(community.slug).path, flash: agree ? "flash.amber-agreed" : "flash.amber-withdrawn")
    }

    @Sendable func accountAmber(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        guard let id = req.parameters.get(.accountID, as: UUID.self) else { throw Refusal(.notFound, "federation.error.no-account") }
        let agree = try req.content.decode(AgreementForm.self).agree ?? false
        try await PeerAccounts.share(id, community: community, standing: standing, agree: agree, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.communityFederation(community.slug).path, flash: agree ? "flash.amber-agreed" : "flash.amber-withdrawn")
    }
}
