import Foundation
import Plot
import ShieldwallCore
import Vapor

enum TrainingView {
    static func home(_ ctx: PageContext, _ p: TrainingHomePage) -> Response {
        Layout.page(ctx, title: ctx.t("training.title"), content: [
            .p(.text(ctx.t("training.intro"))),
            .if(p.managedFirm != nil, .p(.a(.href(p.managedFirm.map { SiteURL.organisationTraining($0).path } ?? ""), .text(ctx.t("training.firm-link"))))),
            .h2(.text(ctx.t("training.assigned"))),
            assignedTable(ctx, p.assigned, empty: ctx.t("training.assigned-none")),
            .p(.a(.href(SiteURL.trainingPerson(p.personID).path), .text(ctx.t("training.history-link")))),
            .h2(.text(ctx.t("training.courses"))),
            courseTable(ctx, p.courses),
            .if(!p.drafts.isEmpty, .group(.h2(.text(ctx.t("training.drafts"))), courseTable(ctx, p.drafts))),
            .if(p.canOfferToEveryone, .p(.a(.href(SiteURL.trainingCourseNew.path), .text(ctx.t("training.offer-everyone"))))),
        ])
    }

    static func status(_ ctx: PageContext, _ cell: TrainingProgress.Cell) -> Node<HTML.BodyContext> {
        switch cell.status {
        case .done: .span(.class("status done"), .text(ctx.t("training.status.done", ["day": cell.doneOn ?? ""])))
        case .due: .span(.class("status due"), .text(ctx.t("training.status.due", ["day": cell.dueOn])))
        case .overdue: .span(.class("status overdue"), .text(ctx.t("training.status.overdue", ["day": cell.dueOn])))
        }
    }

    static func assignedTable(_ ctx: PageContext, _ rows: [AssignedCourse], empty: String) -> Node<HTML.BodyContext> {
        Table.render(caption: ctx.t("training.assigned"), headers: [ctx.t("training.course"), ctx.t("training.status")], rows: rows.map { row in [
            row.course.map { c in .a(.href(SiteURL.trainingCourse(c.key.path).path), .text(c.title)) } ?? .text(ctx.t("training.course-gone")),
            status(ctx, row.cell),
        ] }, empty: empty)
    }

    static func courseTable(_ ctx: PageContext, _ courses: [Course]) -> Node<HTML.BodyContext> {
        Table.render(caption: ctx.t("training.courses"),
                     headers: [ctx.t("training.course"), ctx.t("training.given-by"), ctx.t("training.minutes"), ctx.t("training.languages")],
                     rows: courses.map { c in [
                        .group(.a(.href(SiteURL.trainingCourse(c.key.path).path), .text(c.title)),
                               .if(c.status != .published, .text(" (" + ctx.t("training.course-status.\(c.status.rawValue)") + ")")),
                               .p(.class("hint"), .text(c.summary))),
                        .text(c.provider.map { p in c.community.map { ctx.t("training.provider-in", ["provider": p, "community": $0.name]) } ?? p }
                              ?? ctx.t("training.ours")),
                        .text(String(c.minutes)),
                        .text(c.languages.map { ctx.t("training.language.\($0)") }.joined(separator: ", ")),
                     ] }, empty: ctx.t("training.courses-none"))
    }

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

    static func person(_ ctx: PageContext, _ p: TrainingPersonPage) -> Response {
        Layout.page(ctx, title: p.isSelf ? ctx.t("training.my-history") : ctx.t("training.history-of", ["name": p.name]), content: [
            .p(.a(.href(SiteURL.training.path), .text(ctx.t("training.back")))),
            .p(.class("hint"), .text(ctx.t("training.history-private"))),
            .h2(.text(ctx.t("training.assigned"))),
            assignedTable(ctx, p.assigned, empty: ctx.t("training.assigned-none")),
            .h2(.text(ctx.t("training.done"))),
            Table.render(caption: ctx.t("training.done"),
                         headers: [ctx.t("training.day"), ctx.t("training.course"), ctx.t("training.result")],
                         rows: p.records.map { d in [
                            .text(d.record.completedOn), .text(d.title),
                            .text(d.record.declared ? ctx.t("training.result-declared")
                                  : ctx.t(d.record.passed ? "training.result-passed" : "training.result-failed",
                                          ["correct": String(d.record.correct), "total": String(d.record.total)])),
                         ] }, empty: ctx.t("training.done-none")),
            .h2(.text(ctx.t("training.check-ins"))),
            Table.render(caption: ctx.t("training.check-ins"), headers: [ctx.t("training.day"), ctx.t("training.check-in"), ctx.t("training.result")],
                         rows: p.checkIns.map { c in [Format.time(c.at), .text(c.title), .text("\(c.correct) / \(c.total)")] },
                         empty: ctx.t("training.check-ins-none")),
        ])
    }
}
