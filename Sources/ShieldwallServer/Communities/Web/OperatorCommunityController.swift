import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator's view of every community: requests to decide, figures (never content), hand-over
/// of the facilitator role, the hard cap, and archiving.
struct OperatorCommunityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.operatorCommunities, use: list)
        routes.post(SiteURL.operatorCommunityDecision, use: decide)
        routes.post(SiteURL.operatorCommunityHandOver, use: handOver)
        routes.post(SiteURL.operatorCommunityArchive, use: archive)
        routes.post(SiteURL.operatorCommunityCap, use: setCap)
    }

    @Sendable func list(req: Request) async throws -> Response {
        _ = try OperatorController.requireOperator(req)
        return OperatorCommunityView.list(try await req.pageContext(), try await OperatorCommunitiesPage.build(on: req.db, now: req.now))
    }

    static func community(_ req: Request) async throws -> (Community, SignedIn) {
        let person = try OperatorController.requireOperator(req)
        guard let slug = req.parameters.get(.slug), let c = try await Community.query(on: req.db).filter(\.$slug == slug).first() else {
            throw Abort(.notFound, reason: req.t("error.community-not-found"))
        }
        return (c, person)
    }

    struct DecisionForm: Content { var decision: String? }
    struct HandOverForm: Content { var person: String? }
    struct CapForm: Content { var hard_cap: String? }

    @Sendable func decide(req: Request) async throws -> Response {
        let (c, person) = try await Self.community(req)
        let decision = try req.content.decode(DecisionForm.self).decision
        guard decision == "approve" || decision == "decline" else { throw ValidationFailure(field: "decision", key: "error.decision") }
        try await CommunityActions.decide(c, approve: decision == "approve", by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.operatorCommunities.path, flash: decision == "approve" ? "flash.community-approved" : "flash.community-declined")
    }

    @Sendable func handOver(req: Request) async throws -> Response {
        let (c, person) = try await Self.community(req)
        guard let id = UUID(uuidString: try req.content.decode(HandOverForm.self).person ?? ""),
              try await CommunityStandings.participantIDs(of: c.requireID(), on: req.db).contains(id),
              let target = try await Person.find(id, on: req.db)
        else { throw ValidationFailure(field: "person", key: "error.hand-over-participant") }
        try await CommunityActions.handOver(c, to: target, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.operatorCommunities.path, flash: "flash.facilitator-handed-over")
    }

    @Sendable func archive(req: Request) async throws -> Response {
        let (c, person) = try await Self.community(req)
        try await CommunityActions.archive(c, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.operatorCommunities.path, flash: "flash.community-archived")
    }

    @Sendable func setCap(req: Request) async throws -> Response {
        let (c, _) = try await Self.community(req)
        let raw = (try req.content.decode(CapForm.self).hard_cap ?? "").trimmingWhitespace()
        if raw.isEmpty {
            c.hardCap = nil
        } else if let n = Int(raw), (1...100).contains(n) {
            c.hardCap = n
        } else {
            throw ValidationFailure(field: "hard_cap", key: "error.range", values: ["min": "1", "max": "100"])
        }
        try await c.update(on: req.db)
        return req.seeOther(SiteURL.operatorCommunities.path, flash: "flash.settings-saved")
    }
}
