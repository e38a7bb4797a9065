import Foundation
import Plot
import ShieldwallCore

enum AssessmentHomeView {
    static func section(_ ctx: PageContext, _ s: AssessmentHomeSection) -> Node<HTML.BodyContext> {
        .section(.id("security-home"),
            .h2(.text(ctx.t("home.security"))),
            .if(s.latest == nil, .p(.text(ctx.t("home.security.start")), .text(" "), .a(.href(SiteURL.assessment.path), .text(ctx.t("assessment.start"))))),
            .unwrap(s.latest) { a in
                .p(.text(ctx.t("results.overall", ["score": a.overall.map(String.init) ?? "—"])), .text(" · "),
                   .a(.href(SiteURL.assessmentResults(a.id).path), .text(ctx.t("assessment.see-results"))))
            },
            .if(!s.overdue.isEmpty, .div(.class("notice"), .id("overdue-actions"),
                .p(.strong(.text(ctx.t("assessment.overdue", ["n": String(s.overdue.count)])))),
                .ul(.forEach(s.overdue) { a in .li(.a(.href(SiteURL.action(a.id).path), .text(a.title)), .text(" — \(a.dueOn ?? "")")) }))),
            .if(!s.mine.isEmpty, .group(.h3(.text(ctx.t("home.security.mine"))),
                .ul(.forEach(s.mine) { a in .li(.a(.href(SiteURL.action(a.id).path), .text(a.title)), .text(a.dueOn.map { " — \($0)" } ?? "")) }))),
            .unwrap(s.latest) { latest in
                .if(!s.nextSteps.isEmpty, .group(.h3(.text(AssessmentResultsView.nextStepsTitle(ctx, s.nextSteps.count))),
                    .ol(.id("home-next-steps"), .forEach(s.nextSteps) { step in
                        .li(.a(.href(SiteURL.assessmentResults(latest.id).path + "#rec-\(step.id)"), .text(step.title)))
                    })))
            },
            .p(.a(.href(SiteURL.assessment.path), .text(ctx.t("assessment.title"))), .text(" · "),
               .a(.href(SiteURL.actions.path), .text(ctx.t("actions.title"))), .text(" · "),
               .a(.href(SiteURL.coach.path), .text(ctx.t("coach.title")))))
    }
}
