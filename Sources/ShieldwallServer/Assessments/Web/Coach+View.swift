import Foundation
import Plot
import ShieldwallCore
import Vapor

enum CoachView {
    static func list(_ ctx: PageContext, _ p: CoachListPage) -> Response {
        Layout.page(ctx, title: ctx.t("coach.title"), content: [
            .p(.text(ctx.t("coach.intro"))),
            .if(p.canSeeTeam, .p(.a(.href(SiteURL.coachTeam.path), .text(ctx.t("coach.team-link"))))),
            Table.render(caption: ctx.t("coach.title"), headers: [ctx.t("coach.checkin"), ctx.t("coach.last-result"), ""],
                         rows: p.rows.map { row in [
                            .text(row.checkIn.title),
                            .text(row.last.map { "\($0.correct) / \($0.total) · \(Format.dateTime($0.at))" } ?? ctx.t("coach.not-yet")),
                            .a(.href(SiteURL.coachCheckIn(row.checkIn.id).path), .text(ctx.t(row.last == nil ? "coach.take" : "coach.again"))),
                         ] }, empty: ""),
        ])
    }

    static func checkIn(_ ctx: PageContext, _ p: CheckInPage, status: HTTPStatus = .ok) -> Response {
        let c = p.checkIn
        let feedback = Dictionary(uniqueKeysWithValues: (p.outcome?.feedback ?? []).map { ($0.questionID, $0) })
        return Layout.page(ctx, title: c.title, status: status, content: [
            .p(.a(.href(SiteURL.coach.path), .text(ctx.t("coach.back")))),
            .p(.text(c.intro)),
            .unwrap(p.outcome) { o in
                .p(.class("flash"), .id("coach-outcome"), .text(ctx.t("coach.outcome", ["correct": String(o.correct), "total": String(o.total)])))
            },
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(SiteURL.coachCheckIn(c.id).path), Forms.csrf(ctx),
                .forEach(c.questions) { q in
                    Forms.radios(q.id, legend: q.text, options: q.options.map { (value: $0.id, text: $0.text) }, selected: p.chosen[q.id],
                                 error: p.errors[q.id],
                                 after: feedback[q.id].map { f in .p(.class(f.correct ? "feedback right" : "feedback wrong"), .text(f.text)) } ?? .empty)
                },
                Forms.submit(ctx.t(p.outcome == nil ? "coach.check" : "coach.check-again"))),
        ])
    }

    static func team(_ ctx: PageContext, _ p: CoachTeamPage) -> Response {
        Layout.page(ctx, title: ctx.t("coach.team-title"), content: [
            .p(.a(.href(SiteURL.coach.path), .text(ctx.t("coach.back")))),
            .p(.text(ctx.t("coach.team-intro"))),
            Table.render(caption: ctx.t("coach.team-title"), headers: [ctx.t("coach.person"), ctx.t("coach.done"), ctx.t("coach.weak")],
                         rows: p.people.map { s in [
                            .text(s.name), .text("\(s.done) / \(p.checkIns)"),
                            .text(s.weakTopics.isEmpty ? "—" : s.weakTopics.map { ctx.t("coach.topic.\($0)") }.joined(separator: ", ")),
                         ] }, empty: ""),
        ])
    }
}
