import Foundation
import Plot
import ShieldwallCore
import Vapor

enum SecurityDashboardView {
    static func page(_ ctx: PageContext, _ p: SecurityDashboardPage) -> Response {
        Layout.page(ctx, title: ctx.t("security.title", ["name": p.firmName]), content: [
            .p(.a(.href(SiteURL.organisation(p.firmID).path), .text(ctx.t("security.back")))),
            .p(.text(ctx.t("security.intro"))),
            .if(!p.hasKeys, .p(.class("notice"), .text(ctx.t(p.canManageKeys ? "security.no-keys.admin" : "security.no-keys")))),
            .if(p.canManageKeys, .p(.a(.href(SiteURL.organisationIntegrations(p.firmID).path), .text(ctx.t("security.keys-link"))))),
            .h2(.id("recommendations"), .text(ctx.t("security.recommendations"))),
            p.recommendations.isEmpty ? .p(.text(ctx.t("security.no-recommendations")))
                : .ul(.class("recommendations"), .forEach(p.recommendations) { recommendation(ctx, $0) }),
            .h2(.id("over-time"), .text(ctx.t("security.over-time"))),
            Chart.bars(title: ctx.t("security.chart", ["days": String(SecurityDashboardPage.days)]),
                       points: p.days.map { ($0.label, $0.alerts, $0.serious) },
                       seriesA: ctx.t("security.series.alerts"), seriesB: ctx.t("security.series.serious")),
            Table.render(caption: ctx.t("security.chart", ["days": String(SecurityDashboardPage.days)]),
                         headers: [ctx.t("security.day"), ctx.t("security.series.alerts"), ctx.t("security.series.serious")],
                         rows: p.days.map { [.text($0.label), .text(String($0.alerts)), .text(String($0.serious))] }, empty: ""),
            .h2(.id("alerts"), .text(ctx.t("security.latest"))),
            Table.render(caption: ctx.t("security.latest"),
                         headers: [ctx.t("security.when"), ctx.t("security.severity"), ctx.t("security.kind"), ctx.t("security.source"),
                                   ctx.t("security.host"), ctx.t("security.addresses"), ctx.t("security.summary"), ctx.t("security.count")],
                         rows: p.alerts.map { a in [
                            Format.time(a.last), .text(ctx.t("security.severity.\(a.severity.rawValue)")), .text(ctx.t("security.kind.\(a.kind.rawValue)")),
                            .text(a.source), .text(a.host), .code(.text(a.addresses.joined(separator: ", "))), .text(a.summary), .text(String(a.count)),
                         ] }, empty: ctx.t("security.no-alerts")),
        ])
    }

    private static func recommendation(_ ctx: PageContext, _ r: AlertRules.Recommendation) -> Node<HTML.ListContext> {
        let values = ["count": String(r.figure), "addresses": r.addresses.joined(separator: ", "), "device": r.device ?? "—"]
        return .li(.h3(.text(ctx.t("security.rule.\(r.rule).title", values))),
                   .p(.text(ctx.t("security.rule.\(r.rule).why", values))),
                   .unwrap(r.addresses.isEmpty ? nil : r.addresses) { .p(.code(.text($0.joined(separator: " ")))) })
    }
}
