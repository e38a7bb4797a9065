import Fluent
import Foundation
import Plot
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

    struct Row: Sendable {
        let card: CommunityCard
        let requestedBy: String
        let figures: CommunityHealth?
        let candidates: [(UUID, String)]
        let hardCap: Int?
    }

    @Sendable func list(req: Request) async throws -> Response {
        _ = try OperatorController.requireOperator(req)
        let communities = try await Community.query(on: req.db).with(\.$requestedBy).sort(\.$name).all()
        var rows: [Row] = []
        for c in communities {
            let active = c.status == .active || c.status == .setup || c.status == .archived
            var candidates: [(UUID, String)] = []
            if active {
                let ids = try await CommunityStandings.participantIDs(of: c.requireID(), on: req.db)
                candidates = try await Person.query(on: req.db).filter(\.$id ~~ Array(ids)).sort(\.$displayName).all()
                    .map { ($0.id ?? UUID(), $0.displayName) }
            }
            rows.append(Row(card: CommunityCard(c), requestedBy: c.requestedBy?.displayName ?? "—",
                            figures: active ? try await HealthReport.figures(for: c, on: req.db, now: req.now) : nil,
                            candidates: candidates, hardCap: c.hardCap))
        }
        return OperatorCommunityView.list(try await req.pageContext(), rows: rows)
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

enum OperatorCommunityView {
    static func list(_ ctx: PageContext, rows: [OperatorCommunityController.Row]) -> Response {
        let pending = rows.filter { $0.card.status == .requested }
        let others = rows.filter { $0.card.status != .requested && $0.card.status != .declined }
        return Layout.page(ctx, title: ctx.t("operator.communities.title"), content: [
            .p(.class("hint"), .text(ctx.t("operator.communities.intro"))),
            .h2(.text(ctx.t("operator.communities.pending"))),
            pending.isEmpty ? .p(.class("empty"), .text(ctx.t("operator.communities.no-pending")))
                : .ul(.forEach(pending) { row in
                    .li(.strong(.text(row.card.name)), .text(" — " + ctx.t("community.kind.\(row.card.kind)") + " — "
                        + ctx.t("operator.communities.requested-by", ["name": row.requestedBy])),
                        .p(.text(row.card.description)),
                        Forms.button(ctx, action: SiteURL.operatorCommunityDecision(row.card.slug).path, text: ctx.t("community.approve"),
                                     hidden: [("decision", "approve")]),
                        Forms.button(ctx, action: SiteURL.operatorCommunityDecision(row.card.slug).path, text: ctx.t("community.decline"),
                                     hidden: [("decision", "decline")]))
                }),
            .h2(.text(ctx.t("operator.communities.all"))),
            Table.render(caption: ctx.t("operator.communities.all"),
                         headers: [ctx.t("field.name"), ctx.t("operator.communities.status"), ctx.t("health.firms"), ctx.t("health.experts"),
                                   ctx.t("health.active-people"), ctx.t("health.events-held"), ctx.t("operator.communities.manage")],
                         rows: others.map { row in [
                            .a(.href(SiteURL.communityHealth(row.card.slug).path), .text(row.card.name)),
                            .text(ctx.t("community.status.\(row.card.status.rawValue)")),
                            .text(row.figures.map { String($0.activeOrganisations) } ?? "—"),
                            .text(row.figures.map { String($0.activeExperts) } ?? "—"),
                            .text(row.figures.map { String($0.activePeopleLast30Days) } ?? "—"),
                            .text(row.figures.map { String($0.eventsHeld) } ?? "—"),
                            row.card.status == .archived ? .text(ctx.t("community.status.archived")) : manage(ctx, row),
                         ] },
                         empty: ctx.t("operator.communities.none")),
        ])
    }

    static func manage(_ ctx: PageContext, _ row: OperatorCommunityController.Row) -> Node<HTML.BodyContext> {
        let slug = row.card.slug
        return .group(
            .form(.class("inline"), .method(.post), .action(SiteURL.operatorCommunityHandOver(slug).path),
                  Forms.csrf(ctx),
                  .label(.for("handover-\(slug)"), .text(ctx.t("operator.communities.hand-over"))),
                  .element(named: "select", nodes: [.attr("id", "handover-\(slug)"), .attr("name", "person")] + row.candidates.map { c in
                      .element(named: "option", nodes: [.attr("value", c.0.uuidString), .text(c.1)])
                  }),
                  .button(.type(.submit), .class("secondary"), .text(ctx.t("operator.communities.hand-over-submit")))),
            .form(.class("inline"), .method(.post), .action(SiteURL.operatorCommunityCap(slug).path),
                  Forms.csrf(ctx),
                  .label(.for("cap-\(slug)"), .text(ctx.t("operator.communities.cap"))),
                  .input(.type(.number), .attr("id", "cap-\(slug)"), .attr("name", "hard_cap"), .attr("value", row.hardCap.map(String.init) ?? "")),
                  .button(.type(.submit), .class("secondary"), .text(ctx.t("operator.settings.save")))),
            Forms.button(ctx, action: SiteURL.operatorCommunityArchive(slug).path, text: ctx.t("operator.communities.archive"), danger: true)
        )
    }
}
