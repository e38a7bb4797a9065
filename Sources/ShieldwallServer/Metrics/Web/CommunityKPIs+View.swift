import Foundation
import Plot
import ShieldwallCore
import Vapor

extension KPIView {
    static func community(_ ctx: PageContext, _ p: CommunityKPIsPage, library: KPILibrary, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("kpi.community-title", ["community": p.community.name]), status: status, content: [
            .p(.a(.href(SiteURL.community(p.community.slug).path), .text(ctx.t("training.back-community")))),
            .p(.text(ctx.t("kpi.community-intro", ["k": String(p.k)]))),
            .h2(.text(ctx.t("kpi.agreed"))),
            p.agreed.isEmpty ? .p(.class("empty"), .text(ctx.t("kpi.agreed-none")))
                : .group(.unwrap(p.agreedAt) { .p(.class("hint"), .text(ctx.t("kpi.agreed-on") + " "), Format.time($0)) },
                         .ul(.id("agreed-set"), .forEach(p.agreed) { i in .li(.text("\(i.kpi.title): \(unitValue(ctx, i.kpi, i.target))")) })),
            .if(p.seesTalk, proposal(ctx, p)),
            .if(p.canPropose, proposeForm(ctx, p, library: library)),
            .h2(.text(ctx.t("kpi.figures"))),
            .p(.class("hint"), .text(ctx.t("kpi.figures-hint", ["firms": String(p.firms), "k": String(p.k)]))),
            .forEach(p.figures) { f in figures(ctx, f, months: p.months) },
        ])
    }

    private static func proposal(_ ctx: PageContext, _ p: CommunityKPIsPage) -> Node<HTML.BodyContext> {
        guard let o = p.proposal else { return .empty }
        return .section(.id("proposal"),
            .h2(.text(ctx.t("kpi.proposal"))),
            .p(.class("hint"), .text(ctx.t("kpi.proposed-by", ["name": o.by]) + " "), Format.time(o.at)),
            .if(!o.note.isEmpty, .p(.text(o.note))),
            .ul(.forEach(o.items) { i in .li(.text("\(i.kpi.title): \(unitValue(ctx, i.kpi, i.target))")) }),
            .p(.id("votes"), .text(ctx.t("kpi.votes", ["agree": String(o.count(.agree)), "disagree": String(o.count(.disagree))]))),
            .ul(.class("comments"), .forEach(o.responses.filter { !$0.comment.isEmpty }) { r in
                .li(.strong(.text(r.name)), .text(" (" + ctx.t("kpi.vote.\(r.vote.rawValue)") + "): " + r.comment))
            }),
            .if(p.canRespond, .form(.method(.post), .action(SiteURL.communityKPISet(p.community.slug, o.id).path), Forms.csrf(ctx),
                Forms.radios("vote", legend: ctx.t("kpi.your-answer"), options: KPISetResponse.Vote.allCases.map { (value: $0.rawValue, text: ctx.t("kpi.vote.\($0.rawValue)")) },
                             selected: o.myVote?.rawValue, error: p.errors["vote"]),
                Forms.textarea("comment", label: ctx.t("kpi.comment"), value: "", error: p.errors["comment"], required: false, rows: 3),
                .button(.type(.submit), .class("secondary"), .text(ctx.t("kpi.respond"))))),
            .if(p.canPropose, .div(
                Forms.button(ctx, action: SiteURL.communityKPISetDecision(p.community.slug, o.id).path, text: ctx.t("kpi.declare-agreed"), hidden: [("decision", "agree")]),
                Forms.button(ctx, action: SiteURL.communityKPISetDecision(p.community.slug, o.id).path, text: ctx.t("kpi.drop"), hidden: [("decision", "drop")])
            ))
        )
    }

    private static func proposeForm(_ ctx: PageContext, _ p: CommunityKPIsPage, library: KPILibrary) -> Node<HTML.BodyContext> {
        let current = Dictionary((p.proposal?.items ?? p.agreed).map { ($0.kpi.id, $0.target) }, uniquingKeysWith: { a, _ in a })
        return .group(
            .h2(.id("propose"), .text(ctx.t("kpi.propose"))),
            .p(.class("hint"), .text(ctx.t("kpi.propose-hint"))),
            Forms.errorSummary(ctx, p.errors.filter { $0.key != "vote" && $0.key != "comment" }),
            .form(.method(.post), .action(SiteURL.communityKPIs(p.community.slug).path), Forms.csrf(ctx),
                  .forEach(library.kpis) { kpi in
                      .div(.class("kpi-choice"),
                           Forms.checkbox("kpi-\(kpi.id)", label: kpi.title, checked: current[kpi.id] != nil),
                           Forms.field("target-\(kpi.id)", label: ctx.t("kpi.target-for", ["kpi": kpi.title]),
                                       value: Format.number(current[kpi.id] ?? kpi.target), error: p.errors["target-\(kpi.id)"], required: false))
                  },
                  Forms.textarea("note", label: ctx.t("kpi.note"), value: "", error: p.errors["note"], required: false, rows: 3),
                  Forms.submit(ctx.t("kpi.propose-button")))
        )
    }

    private static func figures(_ ctx: PageContext, _ f: CommunityKPIsPage.Figures, months: [String]) -> Node<HTML.BodyContext> {
        let medians = f.aggregates.map { $0?.median }
        return .section(.class("kpi"), .id("figures-\(f.kpi.id)"),
            .h3(.text(f.kpi.title)),
            .if(medians.allSatisfy { $0 == nil }, .p(.class("empty"), .text(ctx.t("kpi.too-few")))),
            .if(medians.contains { $0 != nil }, Chart.target(title: ctx.t("kpi.median-chart", ["kpi": f.kpi.title]), labels: months.map { monthLabel($0, ctx) }, values: medians,
                                                              target: f.target, maximum: f.kpi.unit == .days ? max(30, medians.compactMap { $0 }.max() ?? 30) : 100,
                                                              targetLabel: ctx.t("kpi.target-label"))),
            Table.render(caption: ctx.t("kpi.median-table", ["kpi": f.kpi.title]),
                         headers: [ctx.t("kpi.month"), ctx.t("kpi.firms"), ctx.t("kpi.median"), ctx.t("kpi.middle-half")],
                         rows: zip(months, f.aggregates).map { m, a in [
                            .text(monthLabel(m, ctx)),
                            .text(a.map { String($0.firms) } ?? ctx.t("kpi.fewer-than-k")),
                            .text(a.map { unitValue(ctx, f.kpi, $0.median) } ?? "—"),
                            .text(a.map { "\(unitValue(ctx, f.kpi, $0.lower)) – \(unitValue(ctx, f.kpi, $0.upper))" } ?? "—"),
                         ] }, empty: "")
        )
    }
}
