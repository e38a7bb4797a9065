import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's KPIs: its set and figures (its people; the operator sees figures), proposing and deciding (its
/// facilitator), voting and commenting (anyone taking part).
struct CommunityKPIsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityKPIs, use: show)
        routes.post(SiteURL.communityKPIs, use: propose)
        routes.post(SiteURL.communityKPISet, use: respond)
        routes.post(SiteURL.communityKPISetDecision, use: decide)
    }

    static func load(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn) {
        let person = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        if standing.isActiveParticipant && !standing.hasAcceptedCurrentCharter {
            throw Abort.redirect(to: SiteURL.communityCharter(community.slug).path)
        }
        guard MetricsAccess.canSeeCommunity(standing) else { throw Refusal(.notFound, "error.community-not-found") }
        return (community, standing, person)
    }

    func page(_ req: Request, _ community: Community, _ standing: CommunityStanding, _ person: SignedIn, errors: [String: String] = [:]) async throws -> Response {
        var page = try await CommunityKPIsPage.build(community, standing: standing, viewer: person, k: try await req.instanceSettings().benchmarkMinimumFirms,
                                                     on: req.db, now: req.now)
        page.errors = errors
        return KPIView.community(try await req.pageContext(), page, library: try MetricsContent.library(req.localiser.language), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (community, standing, person) = try await Self.load(req)
        return try await page(req, community, standing, person)
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let (community, standing, person) = try await Self.load(req)
        let form = try req.content.decode([String: String].self)
        let items = try MetricsContent.library().kpis.filter { form["kpi-\($0.id)"] == "true" }.map { (kpi: $0.id, target: form["target-\($0.id)"] ?? "") }
        do {
            _ = try await KPIActions.propose(items, note: form["note"] ?? "", in: community, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityKPIs(community.slug).path + "#proposal", flash: "flash.kpi-proposed")
        } catch let failure as ValidationFailure {
            return try await page(req, community, standing, person, errors: failure.messages(req.localiser))
        }
    }

    func set(_ req: Request, in community: Community) async throws -> KPISet {
        guard let id = req.parameters.get(.setID, as: UUID.self),
              let set = try await KPISet.query(on: req.db).filter(\.$id == id).filter(\.$community.$id == community.requireID()).first()
        else { throw Refusal(.notFound, "kpi.error.no-set") }
        return set
    }

    struct ResponseForm: Content {
        var vote: String?
        var comment: String?
    }

    @Sendable func respond(req: Request) async throws -> Response {
        let (community, standing, person) = try await Self.load(req)
        let set = try await set(req, in: community)
        let form = try req.content.decode(ResponseForm.self)
        do {
            try await KPIActions.respond(to: set, vote: form.vote, comment: form.comment, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityKPIs(community.slug).path + "#proposal", flash: "flash.kpi-responded")
        } catch let failure as ValidationFailure {
            return try await page(req, community, standing, person, errors: failure.messages(req.localiser))
        }
    }

    struct DecisionForm: Content { var decision: String? }

    @Sendable func decide(req: Request) async throws -> Response {
        let (community, standing, _) = try await Self.load(req)
        let set = try await set(req, in: community)
        let decision = try req.content.decode(DecisionForm.self).decision
        guard decision == "agree" || decision == "drop" else { throw ValidationFailure(field: "decision", key: "kpi.error.decision") }
        try await KPIActions.decide(set, agree: decision == "agree", standing: standing, ctx: ActionContext(req))
        return req.seeOther(SiteURL.communityKPIs(community.slug).path, flash: decision == "agree" ? "flash.kpi-agreed" : "flash.kpi-dropped")
    }
}
