import Fluent
import Foundation
import Plot
import ShieldwallCore
import Vapor

/// The community benchmark: for members (with their own firm's place) and, as community figures
/// only, for the facilitator and operators — hidden under k contributing firms.
struct BenchmarkController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityBenchmark, use: show)
    }

    static func load(_ req: Request) async throws -> (Community, CommunityBenchmark, member: Bool) {
        let person = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        let member = CommunityAccess.canSeeContent(standing)
        try req.require(member || CommunityAccess.canSeeFigures(standing))
        if standing.isActiveParticipant && !standing.hasAcceptedCurrentCharter {
            throw Abort.redirect(to: SiteURL.communityCharter(community.slug).path)
        }
        let k = try await req.instanceSettings().benchmarkMinimumFirms
        // A firm's own place is shown only to its people, and only when they are members here.
        let firm = member ? person.organisationID : nil
        let benchmark = try await BenchmarkReport.figures(for: community, viewerFirm: firm, bank: try AssessmentContent.bank(), k: k,
                                                          on: req.db, now: req.now)
        return (community, benchmark, member)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (community, benchmark, member) = try await Self.load(req)
        let ctx = try await req.pageContext()
        return Layout.page(ctx, title: ctx.t("benchmark.title", ["community": community.name]), content: [
            .p(.a(.href(SiteURL.community(community.slug).path), .text(ctx.t("community.back")))),
            .p(.text(ctx.t("benchmark.intro", ["k": String(benchmark.threshold)]))),
            .if(!member, .p(.class("hint"), .text(ctx.t("benchmark.operator-note")))),
            BenchmarkView.figures(ctx, benchmark, bank: try AssessmentContent.bank()),
        ])
    }
}

enum BenchmarkView {
    static func figures(_ ctx: PageContext, _ b: CommunityBenchmark, bank: QuestionBank) -> Node<HTML.BodyContext> {
        guard b.isShown else {
            return .p(.class("empty benchmark-hidden"), .text(ctx.t("benchmark.hidden", ["k": String(b.threshold)])))
        }
        func name(_ id: String) -> String { id == BenchmarkReport.overall ? ctx.t("assessment.overall") : bank.area(id)?.title ?? id }
        return Table.render(caption: ctx.t("benchmark.caption", ["n": String(b.contributingFirms)]),
                            headers: [ctx.t("results.area"), ctx.t("benchmark.median"), ctx.t("benchmark.middle-half"), ctx.t("benchmark.yours")],
                            rows: b.figures.map { f in [
                                .text(name(f.areaID)), .text(String(f.median)), .text("\(f.lower)–\(f.upper)"),
                                .text(f.own.map { own in
                                    "\(own) · " + ctx.t(own > f.median ? "benchmark.above" : own < f.median ? "benchmark.below" : "benchmark.at")
                                } ?? "—"),
                            ] }, empty: "")
    }
}
