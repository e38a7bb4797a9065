import Foundation
import Plot
import ShieldwallCore
import Vapor

enum KPIView {
    static func monthLabel(_ month: String, _ ctx: PageContext) -> String {
        KPIMonth.start(month).map { Chart.monthLabel($0, language: ctx.localiser.language) } ?? month
    }

    static func unitValue(_ ctx: PageContext, _ kpi: KPIDefinition, _ value: Double) -> String {
        switch kpi.unit {
        case .percent: Format.number(value, language: ctx.localiser.language) + "%"
        case .score: Format.number(value, language: ctx.localiser.language)
        case .days: ctx.t("kpi.days", ["days": Format.number(value, language: ctx.localiser.language)])
        case .yesNo: ctx.t(value >= 50 ? "kpi.yes" : "kpi.no")
        }
    }

    static func firm(_ ctx: PageContext, _ p: FirmKPIsPage, status: HTTPStatus = .ok) -> Response {
        let below = p.rows.filter(\.belowTarget)
        return Layout.page(ctx, title: ctx.t("kpi.firm-title", ["firm": p.firmName]), status: status, content: [
            .p(.text(ctx.t("kpi.firm-intro"))),
            .if(!below.isEmpty, .p(.class("notice"), .id("below-target"),
                                   .text(ctx.t("kpi.below", ["kpis": below.map(\.kpi.title).joined(separator: ", ")])))),
            .if(p.canEnter, entryForm(ctx, p)),
            .forEach(p.rows) { row in kpi(ctx, row, months: p.months) },
            .p(.a(.href(SiteURL.organisationKPIsCSV(p.firmID).path), .text(ctx.t("kpi.csv")))),
        ])
    }

    private static func entryForm(_ ctx: PageContext, _ p: FirmKPIsPage) -> Node<HTML.BodyContext> {
        .group(
            .h2(.id("enter"), .text(ctx.t("kpi.enter"))),
            .p(.class("hint"), .text(ctx.t("kpi.enter-hint"))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(SiteURL.organisationKPIs(p.firmID).path), Forms.csrf(ctx),
                  Forms.select("month", label: ctx.t("kpi.month"), options: p.months.suffix(3).reversed().map { (value: $0, text: monthLabel($0, ctx)) },
                               selected: p.month, error: p.errors["month"]),
                  .forEach(p.entered) { row in
                      let last = row.latest.map { ctx.t("kpi.last", ["value": unitValue(ctx, row.kpi, $0.value), "month": monthLabel(p.months[$0.month], ctx)]) }
                      return Forms.field("value-\(row.kpi.id)", label: row.kpi.title + (row.kpi.unit == .yesNo ? " " + ctx.t("kpi.yes-no-hint") : " (%)"),
                                         value: p.typed[row.kpi.id] ?? "", error: p.errors[row.kpi.id], hint: last ?? ctx.t("kpi.none-yet"), required: false)
                  },
                  Forms.submit(ctx.t("kpi.save")))
        )
    }

    static func kpi(_ ctx: PageContext, _ row: FirmKPIsPage.Row, months: [String]) -> Node<HTML.BodyContext> {
        let targetText = row.target.map { ctx.t("kpi.target", ["value": unitValue(ctx, row.kpi, $0), "community": row.community ?? ""]) } ?? ctx.t("kpi.no-target")
        return .section(.class("kpi"), .id("kpi-\(row.kpi.id)"),
            .h2(.text(row.kpi.title)),
            .p(.text(row.kpi.definition)),
            .p(.class("hint"), .text(row.kpi.measured + " " + targetText)),
            .if(row.belowTarget, .p(.class("status overdue"), .text(ctx.t("kpi.below-one")))),
            Chart.target(title: ctx.t("kpi.chart-title", ["kpi": row.kpi.title]), labels: months.map { monthLabel($0, ctx) }, values: row.values, target: row.target,
                         maximum: row.kpi.unit == .days ? max(30, (row.values.compactMap { $0 } + [row.target ?? 0]).max() ?? 30) : 100,
                         targetLabel: ctx.t("kpi.target-label")),
            Table.render(caption: ctx.t("kpi.table", ["kpi": row.kpi.title]), headers: months.map { monthLabel($0, ctx) },
                         rows: [row.values.map { v in .text(v.map { unitValue(ctx, row.kpi, $0) } ?? "—") }], empty: "")
        )
    }
}
