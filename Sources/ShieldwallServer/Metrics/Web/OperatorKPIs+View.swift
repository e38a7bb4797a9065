import Foundation
import Plot
import ShieldwallCore
import Vapor

enum OperatorKPIsView {
    static func page(_ ctx: PageContext, _ p: OperatorKPIsPage) -> Response {
        Layout.page(ctx, title: ctx.t("kpi.operator-title"), content: [
            .p(.a(.href(SiteURL.operatorHome.path), .text(ctx.t("kpi.back-operator")))),
            .p(.text(ctx.t("kpi.operator-intro"))),
            Table.render(caption: ctx.t("kpi.operator-title"),
                         headers: [ctx.t("kpi.community"), ctx.t("kpi.firms"), ctx.t("kpi.agreed-count"), ctx.t("kpi.reporting", ["month": KPIView.monthLabel(p.month, ctx)])],
                         rows: p.rows.map { r in [
                            .a(.href(SiteURL.communityKPIs(r.slug).path), .text(r.name)), .text(String(r.firms)), .text(String(r.agreedKPIs)), .text(String(r.reporting)),
                         ] }, empty: ctx.t("kpi.operator-none")),
        ])
    }
}
