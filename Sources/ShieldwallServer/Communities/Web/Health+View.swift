import Foundation
import Plot
import ShieldwallCore
import Vapor

enum HealthView {
    static func show(_ ctx: PageContext, _ p: HealthPage) -> Response {
        let card = p.card, f = p.figures, c = p.conversations, guidance = p.guidance, isMember = p.isMember
        return Layout.page(ctx, title: ctx.t("health.title", ["community": card.name]), content: [
            .if(isMember, .p(.a(.href(SiteURL.community(card.slug).path), .text(ctx.t("community.back"))))),
            .if(!isMember, .p(.class("hint"), .text(ctx.t("health.operator-note")))),
            .p(.a(.href(SiteURL.communityBenchmark(card.slug).path), .text(ctx.t("community.link.benchmark")))),
            .ul(.class("figures"), .id("health-figures"),
                .li(.strong(.text("\(f.activeOrganisations) / \(guidance.organisations)")), .text(" " + ctx.t("health.firms"))),
                .li(.strong(.text("\(f.activeExperts) / \(guidance.experts)")), .text(" " + ctx.t("health.experts"))),
                .li(.strong(.text(String(f.openInvitations))), .text(" " + ctx.t("health.open-invitations"))),
                .li(.strong(.text(String(f.activePeopleLast30Days))), .text(" " + ctx.t("health.active-people"))),
                .li(.strong(.text(String(f.eventsHeld))), .text(" " + ctx.t("health.events-held"))),
                .li(.strong(.text(f.attendanceRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "—")), .text(" " + ctx.t("health.attendance")))
            ),
            .h2(.text(ctx.t("health.conversations"))),
            conversationFigures(ctx, c),
            .h2(.text(ctx.t("health.plan"))),
            .p(.id("plan-figures"), .text(p.plan.currentVersion.map {
                ctx.t("health.plan-signed", ["version": String($0), "signed": String(p.plan.firmsOnCurrent), "firms": String(p.plan.firms)])
            } ?? ctx.t("health.plan-none"))),
            .h2(.text(ctx.t("health.help"))),
            .ul(.class("figures"), .id("help-figures"),
                .li(.strong(.text(String(p.plan.help.requests))), .text(" " + ctx.t("health.help-requests"))),
                .li(.strong(.text(String(p.plan.help.open))), .text(" " + ctx.t("health.help-open"))),
                .li(.strong(.text(p.plan.help.medianMinutesToFirstResponse.map { ctx.t("health.minutes", ["minutes": String(Int($0.rounded()))]) } ?? "—")),
                    .text(" " + ctx.t("health.help-first-response")))),
            .h2(.text(ctx.t("health.funnel"))),
            Table.render(caption: ctx.t("health.funnel"), headers: [ctx.t("health.funnel.invited"), ctx.t("health.funnel.joined"),
                                                                     ctx.t("health.funnel.charter"), ctx.t("health.funnel.active")],
                         rows: [[.text(String(f.funnel.invited)), .text(String(f.funnel.joined)), .text(String(f.funnel.charterAccepted)),
                                 .text(String(f.funnel.active))]], empty: ""),
            .h2(.text(ctx.t("health.over-time"))),
            Chart.bars(title: ctx.t("health.chart-title"), points: f.months.map { (Chart.monthLabel($0.month, language: ctx.localiser.language), $0.members, $0.eventsHeld) },
                       seriesA: ctx.t("health.firms"), seriesB: ctx.t("health.events-held")),
        ])
    }

    static func conversationFigures(_ ctx: PageContext, _ c: ConversationFigures) -> Node<HTML.BodyContext> {
        .ul(.class("figures"), .id("conversation-figures"),
            .li(.strong(.text(String(c.questionsAsked))), .text(" " + ctx.t("health.questions-asked"))),
            .li(.strong(.text(c.shareAnswered.map { "\(Int(($0 * 100).rounded())) %" } ?? "—")), .text(" " + ctx.t("health.share-answered"))),
            .li(.strong(.text(c.medianHoursToExpertAnswer.map { ctx.t("health.hours", ["hours": String(format: "%.1f", $0)]) } ?? "—")),
                .text(" " + ctx.t("health.median-expert-answer"))),
            .li(.strong(.text(String(c.activePosters))), .text(" " + ctx.t("health.active-posters"))))
    }
}
