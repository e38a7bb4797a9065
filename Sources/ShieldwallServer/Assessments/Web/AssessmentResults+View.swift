import Foundation
import Plot
import ShieldwallCore
import Vapor

/// Results: next three steps first, then readiness, scores, change, benchmark, all recommendations
/// and the action plan. Printable as it is (the print stylesheet hides navigation and buttons).
enum AssessmentResultsView {
    static func show(_ ctx: PageContext, _ m: AssessmentResultsPage, status: HTTPStatus = .ok) -> Response {
        let id = m.assessment.id
        let r = m.result
        let title = m.assessment.isSubmitted
            ? ctx.t("results.title", ["date": m.assessment.day])
            : ctx.t("results.title-draft")
        var content: [Node<HTML.BodyContext>] = [
            .p(.class("no-print"), .a(.href(SiteURL.assessment.path), .text(ctx.t("results.back"))), .text(" · "),
               .a(.href(SiteURL.assessmentCSV(id).path), .text(ctx.t("results.csv"))), .text(" · "),
               .a(.href(SiteURL.actionsCSV.path), .text(ctx.t("results.actions-csv"))), .text(" · "),
               .text(ctx.t("results.print-hint"))),
            draftBox(ctx, m),
        ]
        let steps: Node<HTML.BodyContext> = .ol(.class("next-steps"), .forEach(r.nextSteps) { recommendation(ctx, $0, m) })
        content.append(.section(.id("next-steps"), .h2(.text(nextStepsTitle(ctx, r.nextSteps.count))),
            .if(r.nextSteps.isEmpty, .p(.text(ctx.t("results.nothing-to-do")))), steps))
        content.append(.section(.id("readiness"), .h2(.text(ctx.t("results.readiness"))), readiness(ctx, m)))
        content.append(.section(.id("scores"), .h2(.text(ctx.t("results.scores"))),
            .p(.class("overall"), .strong(.text(ctx.t("results.overall", ["score": r.overall.map(String.init) ?? "—"])))),
            scoreTable(ctx, m)))
        if let change = m.change { content.append(self.change(ctx, change, m)) }
        if m.history.count > 1 {
            content.append(.section(.h2(.text(ctx.t("assessment.progress"))), AssessmentView.progressChart(ctx, bank: m.bank, history: m.history)))
        }
        var benchmarks: [Node<HTML.BodyContext>] = [.h2(.text(ctx.t("benchmark.title-short")))]
        if m.benchmarks.isEmpty { benchmarks.append(.p(.text(ctx.t("benchmark.no-community")))) }
        for b in m.benchmarks {
            benchmarks.append(.h3(.a(.href(SiteURL.communityBenchmark(b.slug).path), .text(b.name))))
            benchmarks.append(BenchmarkView.figures(ctx, b.figures, bank: m.bank))
        }
        content.append(.section(.id("benchmarks"), .group(benchmarks)))
        if r.recommendations.count > 3 {
            let more: Node<HTML.BodyContext> = .ol(.attr("start", "4"), .forEach(Array(r.recommendations.dropFirst(3))) { recommendation(ctx, $0, m) })
            content.append(.section(.id("all-recommendations"), .h2(.text(ctx.t("results.more"))), more))
        }
        content.append(.section(.id("plan"), .h2(.text(ctx.t("actions.title"))), ActionView.table(ctx, m.plan)))
        return Layout.page(ctx, title: title, status: status, content: content)
    }

    /// "Your next three steps", or two, or one, as many as remain.
    static func nextStepsTitle(_ ctx: PageContext, _ count: Int) -> String {
        ctx.t(count == 1 ? "results.next-step" : count == 2 ? "results.next-steps.two" : "results.next-steps")
    }

    static func scoreTable(_ ctx: PageContext, _ m: AssessmentResultsPage) -> Node<HTML.BodyContext> {
        var rows: [[Node<HTML.BodyContext>]] = []
        for area in m.bank.areas {
            guard let s = m.result.areas.first(where: { $0.areaID == area.id }), s.applicable > 0 else { continue }
            rows.append([.text(area.title), .text(s.score.map { "\($0) / 100" } ?? "—"), .text("\(s.met) / \(s.applicable)")])
        }
        return Table.render(caption: ctx.t("results.scores"), headers: [ctx.t("results.area"), ctx.t("results.score"), ctx.t("results.met")],
                            rows: rows, empty: "")
    }

    static func draftBox(_ ctx: PageContext, _ m: AssessmentResultsPage) -> Node<HTML.BodyContext> {
        guard !m.assessment.isSubmitted else { return .empty }
        let id = m.assessment.id
        let submit: Node<HTML.BodyContext> = m.canSubmit
            ? .form(.method(.post), .action(SiteURL.assessmentSubmit(id).path), Forms.csrf(ctx), Forms.submit(ctx.t("results.submit")))
            : .p(.class("hint"), .text(ctx.t("results.admin-submits")))
        let errors: Node<HTML.BodyContext> = m.submitErrors.isEmpty ? .empty
            : .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                   .p(.strong(.text(ctx.t("results.cannot-submit")))), .ul(.forEach(m.submitErrors) { .li(.text($0)) }))
        return .div(.class("notice no-print"), .id("draft-notice"),
            .p(.text(ctx.t("results.draft-note"))),
            errors,
            .if(!m.result.unanswered.isEmpty, .p(.text(ctx.t("results.unanswered", ["n": String(m.result.unanswered.count)])))),
            .p(.a(.href(SiteURL.assessmentStep(id, AssessmentStepPage.profileStep).path), .text(ctx.t("assessment.continue")))),
            submit)
    }

    static func recommendation(_ ctx: PageContext, _ ranked: AssessmentResult.RankedRecommendation, _ m: AssessmentResultsPage) -> Node<HTML.ListContext> {
        let rec = ranked.recommendation
        let plan: Node<HTML.BodyContext> = m.planned.contains(rec.id)
            ? .p(.class("in-plan"), .a(.href(SiteURL.actions.path), .text(ctx.t("results.in-plan"))))
            : .if(m.canPlan, .form(.class("inline no-print"), .method(.post), .action(SiteURL.actions.path), Forms.csrf(ctx),
                  .input(.type(.hidden), .attr("name", "recommendation"), .attr("value", rec.id)),
                  .button(.type(.submit), .class("secondary"), .text(ctx.t("results.make-action")))))
        let links: Node<HTML.BodyContext> = .ul(.class("links"), .forEach(rec.links) { link in
            .li(.a(.href(link.url), .attr("rel", "noopener"), .text(link.title)), .text(" — "), .code(.text(link.url)))
        })
        return .li(.class("recommendation"), .id("rec-\(rec.id)"),
            .h3(.text(rec.title)),
            .p(.text(rec.why)),
            .p(.class("badges"),
               .span(.class("badge"), .text(ctx.t("results.effort.\(rec.effort.rawValue)"))),
               .span(.class("badge"), .text(ctx.t("results.cost.\(rec.cost.rawValue)"))),
               .span(.class("badge"), .text(ctx.t("results.impact", ["n": String(rec.impact)]))),
               .if(ranked.blocksCyberEssentials, .span(.class("badge strong"), .text(ctx.t("results.blocks-ce"))))),
            .p(.class("how"), .strong(.text(ctx.t("results.how")))),
            .ol(.forEach(rec.steps) { .li(.text($0)) }),
            links,
            .unwrap(rec.providerService) { service in
                .p(.class("providers no-print"), .a(.href(SiteURL.providers.path + "?service=" + service),
                   .text(ctx.t("results.providers", ["service": ctx.t("providers.service.\(service)")]))))
            },
            plan)
    }

    static func readiness(_ ctx: PageContext, _ m: AssessmentResultsPage) -> Node<HTML.BodyContext> {
        switch m.result.readiness {
        case .ready:
            return .p(.class("verdict ready"), .text(ctx.t("results.ce-ready")))
        case .notReady(let blockers):
            return .div(.class("verdict"),
                .p(.text(ctx.t("results.ce-not-ready"))),
                .ul(.forEach(m.bank.areas.filter { blockers[$0.id] != nil }) { area in
                    .li(.strong(.text(area.title)),
                        .ul(.forEach(blockers[area.id] ?? []) { q in
                            .li(.text(m.bank.question(q)?.text ?? q),
                                .text(m.answers.answers[q] == nil ? " — " + ctx.t("results.not-answered") : ""))
                        }))
                }))
        }
    }

    static func change(_ ctx: PageContext, _ c: AssessmentChange, _ m: AssessmentResultsPage) -> Node<HTML.BodyContext> {
        .section(.id("changes"), .h2(.text(ctx.t("results.changes"))),
            .ul(.forEach(c.areaDeltas.filter { $0.before != $0.after }) { d in
                .li(.text("\(m.bank.area(d.areaID)?.title ?? d.areaID): \(d.before.map(String.init) ?? "—") → \(d.after.map(String.init) ?? "—")"))
            }),
            .if(!c.nowMet.isEmpty, .group(.h3(.text(ctx.t("results.now-met"))), .ul(.forEach(c.nowMet) { .li(.text(m.bank.question($0)?.text ?? $0)) }))),
            .if(!c.noLongerMet.isEmpty, .group(.h3(.text(ctx.t("results.no-longer-met"))),
                                               .ul(.forEach(c.noLongerMet) { .li(.text(m.bank.question($0)?.text ?? $0)) }))),
            .if(c.nowMet.isEmpty && c.noLongerMet.isEmpty, .p(.text(ctx.t("results.no-change")))))
    }
}
