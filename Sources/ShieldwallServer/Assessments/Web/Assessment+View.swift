import Foundation
import Plot
import ShieldwallCore
import Vapor

enum AssessmentView {
    static func overview(_ ctx: PageContext, _ p: AssessmentOverviewPage) -> Response {
        Layout.page(ctx, title: ctx.t("assessment.title"), content: [
            .p(.text(ctx.t("assessment.intro", ["profile": String(p.bank.profile.count), "questions": String(p.bank.questions.count)]))),
            .if(p.overdueActions > 0, .p(.class("warning"), .a(.href(SiteURL.actions.path),
                                                              .text(ctx.t("assessment.overdue", ["n": String(p.overdueActions)]))))),
            .unwrap(p.draft) { draft in
                .section(.h2(.text(ctx.t("assessment.draft"))),
                    .unwrap(p.draftProgress) { progress($0.done, of: $0.total, ctx) },
                    .p(.text(ctx.t("assessment.draft.started", ["date": Format.dateTime(draft.createdAt)]))),
                    .p(.a(.class("button"), .href(SiteURL.assessmentStep(draft.id, AssessmentStepPage.profileStep).path),
                          .text(ctx.t("assessment.continue"))),
                       .text(" "), .a(.href(SiteURL.assessmentResults(draft.id).path), .text(ctx.t("assessment.preview")))))
            },
            .if(p.draft == nil, .form(.method(.post), .action(SiteURL.assessmentStart.path), Forms.csrf(ctx),
                Forms.submit(ctx.t(p.submitted.isEmpty ? "assessment.start" : "assessment.start-again")))),
            .if(!p.submitted.isEmpty, .group(
                .h2(.text(ctx.t("assessment.progress"))),
                progressChart(ctx, bank: p.bank, history: p.submitted),
                Table.render(caption: ctx.t("assessment.history"), headers: [ctx.t("assessment.submitted-on"), ctx.t("assessment.overall"), ""],
                             rows: p.submitted.reversed().map { a in [
                                Format.time(a.submittedAt), .text(a.overall.map { "\($0) / 100" } ?? "—"),
                                .a(.href(SiteURL.assessmentResults(a.id).path), .text(ctx.t("assessment.see-results"))),
                             ] }, empty: "")
            )),
            .p(.a(.href(SiteURL.actions.path), .text(ctx.t("assessment.link.actions"))), .text(" · "),
               .a(.href(SiteURL.coach.path), .text(ctx.t("assessment.link.coach")))),
        ])
    }

    static func progress(_ done: Int, of total: Int, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .div(.class("progress"),
            .element(named: "progress", nodes: [.attr("id", "assessment-progress"), .attr("max", String(max(total, 1))), .attr("value", String(done)),
                                                .attr("aria-label", ctx.t("assessment.progress-label"))]),
            .text(" " + ctx.t("assessment.answered", ["done": String(done), "total": String(total)])))
    }

    static let palette = ["#1f4e8c", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#2c3e50", "#b7950b", "#6c3483", "#117864"]

    /// Overall (thick) and each area over the firm's submitted assessments.
    static func progressChart(_ ctx: PageContext, bank: QuestionBank, history: [AssessmentSummary]) -> Node<HTML.BodyContext> {
        var series: [(name: String, values: [Int?], color: String)] = [(ctx.t("assessment.overall"), history.map(\.overall), palette[0])]
        for (i, area) in bank.areas.enumerated() {
            series.append((area.title, history.map { $0.areaScores[area.id] }, palette[(i + 1) % palette.count]))
        }
        return Chart.lines(title: ctx.t("assessment.chart-title"), labels: history.map(\.day), series: series)
    }

    static func step(_ ctx: PageContext, _ p: AssessmentStepPage, status: HTTPStatus = .ok) -> Response {
        let bank = p.bank, area = p.area
        let applicable = bank.questions.filter { bank.applies($0, profile: p.answers.profile) }
        let done = applicable.filter { p.answers.answers[$0.id] != nil }.count + p.answers.profile.count
        let questions = stepQuestions(ctx, bank: bank, area: area, answers: p.answers)
        let last = p.index + 1 == p.steps.count
        let forward: Node<HTML.FormContext> = last && p.canSubmit
            ? .button(.type(.submit), .attr("name", "intent"), .attr("value", "finish"), .text(ctx.t("assessment.finish")))
            : .button(.type(.submit), .attr("name", "intent"), .attr("value", "next"),
                      .text(ctx.t(last ? "assessment.see-results-so-far" : "assessment.next")))
        return Layout.page(ctx, title: area?.title ?? ctx.t("assessment.profile.title"), status: status, content: [
            .p(.class("hint"), .text(ctx.t("assessment.step-of", ["n": String(p.index + 1), "total": String(p.steps.count)]))),
            progress(done, of: applicable.count + bank.profile.count, ctx),
            .p(.text(area?.summary ?? ctx.t("assessment.profile.intro"))),
            .if(area != nil, .p(.class("hint"), .text(bank.notSureExplanation))),
            .if(last, .p(.class("hint"), .text(ctx.t(p.canSubmit ? "assessment.finish-hint" : "assessment.admin-finishes")))),
            Forms.errorSummary(ctx, p.errors),
            .if(questions.isEmpty, .p(.class("empty"), .text(ctx.t("assessment.none-apply")))),
            .form(.method(.post), .action(SiteURL.assessmentStep(p.assessmentID, p.name).path), Forms.csrf(ctx),
                .forEach(questions) { q in
                    Forms.radios(q.id, legend: q.text, hint: q.help, options: q.options.map { (value: $0.0, text: $0.1) },
                                 selected: q.selected, error: p.errors[q.id])
                },
                .div(.class("actions"),
                    .if(p.index > 0, .button(.type(.submit), .attr("name", "intent"), .attr("value", "back"), .class("secondary"),
                                             .text(ctx.t("assessment.back")))),
                    forward,
                    .button(.type(.submit), .attr("name", "intent"), .attr("value", "later"), .class("secondary"), .text(ctx.t("assessment.later"))))
            ),
        ])
    }

    typealias StepQuestion = (id: String, text: String, help: String?, options: [(String, String)], selected: String?)

    static func stepQuestions(_ ctx: PageContext, bank: QuestionBank, area: AssessmentArea?, answers: AssessmentAnswers) -> [StepQuestion] {
        guard let area else {
            return bank.profile.map { q in (q.id, q.text, q.help, q.options.map { ($0.id, $0.text) }, answers.profile[q.id]) }
        }
        let notSure = (AnswerOption.notSureID, ctx.t("assessment.not-sure"))
        return bank.applicable(in: area, profile: answers.profile).map { q in
            (q.id, q.text, q.help, q.options.map { ($0.id, $0.text) } + [notSure], answers.answers[q.id])
        }
    }
}
