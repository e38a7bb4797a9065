import Fluent
import Foundation
import Plot
import ShieldwallCore
import Vapor

/// The self-assessment corner of a firm person's home page: the next three steps, overdue actions.
struct AssessmentHome {
    let latest: Assessment?
    let nextSteps: [Recommendation]
    let overdue: [PlanAction]
    let mine: [PlanAction]

    static func build(for person: SignedIn, req: Request) async throws -> AssessmentHome? {
        guard let org = person.organisationID, AssessmentAccess.canView(firm: org.uuidString, viewer: person.viewer) else { return nil }
        let bank = try AssessmentContent.bank()
        let latest = try await AssessmentActions.latestSubmitted(of: org, on: req.db)
        // One read of the plan serves the next steps not yet planned, "assigned to you" and "overdue".
        let actions = try await AssessmentScope.actions(of: org, on: req.db).all()
            .sorted { ($0.dueOn ?? "~") < ($1.dueOn ?? "~") }  // no date last
        var steps: [Recommendation] = []
        if let latest {
            let result = AssessmentResult(bank: bank, answers: try await AssessmentActions.answers(of: latest, bank: bank, on: req.db))
            let planned = Set(actions.map(\.recommendationID))
            steps = Array(result.recommendations.map(\.recommendation).filter { !planned.contains($0.id) }.prefix(3))
        }
        let today = PlanActions.today(req.now)
        return AssessmentHome(latest: latest, nextSteps: steps, overdue: actions.filter { $0.isOverdue(today: today) },
                              mine: actions.filter { $0.isOpen && $0.$owner.id == person.personID })
    }

    func render(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("security-home"),
            .h2(.text(ctx.t("home.security"))),
            .if(latest == nil, .p(.text(ctx.t("home.security.start")), .text(" "), .a(.href(SiteURL.assessment.path), .text(ctx.t("assessment.start"))))),
            .unwrap(latest) { a in
                .p(.text(ctx.t("results.overall", ["score": a.overall.map(String.init) ?? "—"])), .text(" · "),
                   .a(.href(SiteURL.assessmentResults(a.id ?? UUID()).path), .text(ctx.t("assessment.see-results"))))
            },
            .if(!overdue.isEmpty, .div(.class("notice"), .id("overdue-actions"),
                .p(.strong(.text(ctx.t("assessment.overdue", ["n": String(overdue.count)])))),
                .ul(.forEach(overdue) { a in .li(.a(.href(SiteURL.action(a.id ?? UUID()).path), .text(a.title)), .text(" — \(a.dueOn ?? "")")) }))),
            .if(!mine.isEmpty, .group(.h3(.text(ctx.t("home.security.mine"))),
                .ul(.forEach(mine) { a in .li(.a(.href(SiteURL.action(a.id ?? UUID()).path), .text(a.title)), .text(a.dueOn.map { " — \($0)" } ?? "")) }))),
            .if(!nextSteps.isEmpty, .group(.h3(.text(ctx.t("results.next-steps"))),
                .ol(.forEach(nextSteps) { .li(.text($0.title)) }))),
            .p(.a(.href(SiteURL.assessment.path), .text(ctx.t("assessment.title"))), .text(" · "),
               .a(.href(SiteURL.actions.path), .text(ctx.t("actions.title"))), .text(" · "),
               .a(.href(SiteURL.coach.path), .text(ctx.t("coach.title")))))
    }
}
