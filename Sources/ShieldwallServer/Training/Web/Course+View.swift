import Foundation
import Plot
import ShieldwallCore
import Vapor

extension TrainingView {
    static func course(_ ctx: PageContext, _ p: CoursePage, status: HTTPStatus = .ok) -> Response {
        let c = p.course
        return Layout.page(ctx, title: c.title, status: status, content: [
            .p(.a(.href(SiteURL.training.path), .text(ctx.t("training.back")))),
            .p(.class("meta"), .text([c.provider.map { p in c.community.map { ctx.t("training.provider-in", ["provider": p, "community": $0.name]) } ?? p }
                                      ?? ctx.t("training.ours"),
                                      ctx.t("training.about-minutes", ["minutes": String(c.minutes)]),
                                      ctx.t("training.language.\(c.language)")].joined(separator: " · "))),
            .unwrap(p.cell) { .p(.id("my-status"), .text(ctx.t("training.mine") + " "), TrainingView.status(ctx, $0)) },
            .if(p.canEdit, .p(.a(.href(c.key.externalID.map { SiteURL.trainingCourseEdit($0).path } ?? ""), .text(ctx.t("training.edit"))))),
            .if(!p.sessions.isEmpty, .group(
                .h2(.text(ctx.t("training.sessions"))),
                .ul(.forEach(p.sessions) { s in .li(.a(.href(s.path), .text(s.title)), .text(" · "), Format.time(s.startsAt)) })
            )),
            .unwrap(p.module, { module($0, ctx, p) }, else: external(ctx, p)),
        ])
    }

    private static func module(_ m: TrainingModule, _ ctx: PageContext, _ p: CoursePage) -> Node<HTML.BodyContext> {
        let feedback = Dictionary(uniqueKeysWithValues: (p.outcome?.feedback ?? []).map { ($0.questionID, $0) })
        return .group(
            .p(.class("lead"), .text(m.summary)),
            .forEach(m.lessons) { lesson in .section(.class("lesson"), .h2(.text(lesson.title)), Markdown.node(lesson.body)) },
            .h2(.id("quiz"), .text(ctx.t("training.quiz"))),
            .unwrap(p.outcome) { o in
                .p(.class(o.passed ? "flash" : "flash warning"), .id("quiz-outcome"), .attribute(named: "role", value: "status"),
                   .text(ctx.t(o.passed ? "training.quiz-passed" : "training.quiz-failed",
                               ["correct": String(o.correct), "total": String(o.total), "pass": String(m.quiz.pass)])))
            },
            .if(p.outcome == nil, .unwrap(p.last) { r in
                .p(.class("hint"), .text(ctx.t(r.passed ? "training.last-passed" : "training.last-failed",
                                               ["correct": String(r.correct), "total": String(r.total), "day": r.completedOn])))
            }),
            .p(.text(ctx.t("training.quiz-intro", ["pass": String(m.quiz.pass), "total": String(m.quiz.questions.count)]))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(SiteURL.trainingQuiz(p.course.key.path).path + "#quiz"), Forms.csrf(ctx),
                .forEach(m.quiz.questions) { q in
                    Forms.radios(q.id, legend: q.text, options: q.options.map { (value: $0.id, text: $0.text) }, selected: p.chosen[q.id],
                                 error: p.errors[q.id],
                                 after: feedback[q.id].map { f in .p(.class(f.correct ? "feedback right" : "feedback wrong"), .text(f.text)) } ?? .empty)
                },
                Forms.submit(ctx.t(p.outcome == nil ? "training.check" : "training.check-again")))
        )
    }

    private static func external(_ ctx: PageContext, _ p: CoursePage) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .text(p.course.summary)),
            .unwrap(p.course.url) { url in
                .p(.a(.href(url), .attribute(named: "rel", value: "noopener noreferrer external"), .text(ctx.t("training.go", ["title": p.course.title]))))
            },
            .if(p.course.status == .published, .group(
                .h2(.id("done"), .text(ctx.t("training.declare"))),
                .unwrap(p.last) { r in .p(.class("hint"), .text(ctx.t("training.declared", ["day": r.completedOn]))) },
                Forms.errorSummary(ctx, p.errors),
                .form(.method(.post), .action(SiteURL.trainingDeclare(p.course.key.path).path), Forms.csrf(ctx),
                      Forms.field("completedOn", label: ctx.t("training.completed-on"), type: .date, value: p.completedOn, error: p.errors["completedOn"]),
                      Forms.submit(ctx.t("training.declare-button")))
            ))
        )
    }
}
