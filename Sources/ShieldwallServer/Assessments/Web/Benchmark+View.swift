import Foundation
import Plot
import ShieldwallCore
import Vapor

enum BenchmarkView {
    static func page(_ ctx: PageContext, _ p: BenchmarkPage) -> Response {
        Layout.page(ctx, title: ctx.t("benchmark.title", ["community": p.communityName]), content: [
            .p(.a(.href(SiteURL.community(p.communitySlug).path), .text(ctx.t("community.back")))),
            .p(.text(ctx.t("benchmark.intro", ["k": String(p.figures.threshold)]))),
            .if(!p.isMember, .p(.class("hint"), .text(ctx.t("benchmark.operator-note")))),
            figures(ctx, p.figures, bank: p.bank),
        ])
    }

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
