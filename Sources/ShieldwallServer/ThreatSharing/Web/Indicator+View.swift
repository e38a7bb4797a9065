import Foundation
import Plot
import ShieldwallCore
import Vapor

enum IndicatorView {
    static func show(_ ctx: PageContext, _ page: IndicatorPage, status: HTTPStatus = .ok) -> Response {
        let s = page.summary, id = s.id, errors = page.errors
        let experts = page.communities.filter(\.isExpert)
        return Layout.page(ctx, title: ctx.t("indicator.title", ["value": s.value.value]), status: status, content: [
            Forms.errorSummary(ctx, errors),
            .unwrap(s.retractedAt) { at in
                .div(.class("tlp-banner retracted"), .attribute(named: "role", value: "note"),
                     .text(ctx.t("indicator.retracted-banner", ["reason": s.retractionReason ?? "", "name": page.retractedBy ?? "—",
                                                                  "date": Format.dateTime(at)])))
            },
            .unwrap(page.warning) { .div(.class("tlp-banner warned"), .text(ctx.t("indicator.warned-banner", ["reason": $0]))) },
            .dl(.class("facts"),
                .dt(.text(ctx.t("indicator.value"))), .dd(.code(.text(s.value.value))),
                .dt(.text(ctx.t("indicator.type"))), .dd(.text(ctx.t("indicator.type.\(s.value.type.rawValue)"))),
                .dt(.text(ctx.t("indicator.confidence"))), .dd(.text("\(s.confidence) / 100")),
                .dt(.text(ctx.t("indicator.seen-in"))),
                .dd(.text(ctx.t("indicator.seen-in.value", ["reports": String(s.reportIDs.count), "firms": String(s.reportingFirms.count)]))),
                .dt(.text(ctx.t("indicator.sightings"))),
                .dd(.text(ctx.t("indicator.sightings.value", ["count": String(s.sightings), "firms": String(s.sightingFirms.count)]))),
                .dt(.text(ctx.t("indicator.expert-confirmed"))), .dd(.text(ctx.t(s.expertConfirmed ? "indicator.yes" : "indicator.no"))),
                .dt(.text(ctx.t("indicator.first-seen"))), .dd(Format.time(s.firstSeen)),
                .dt(.text(ctx.t("indicator.last-activity"))), .dd(Format.time(s.lastActivity)),
                .dt(.text(ctx.t("indicator.expires"))), .dd(Format.time(s.expires))
            ),
            .p(Glossary.link(ctx, "indicator"), .text(" · "), Glossary.link(ctx, "confidence"), .text(" · "), Glossary.link(ctx, "sighting")),
            Glossary.forITPerson(ctx, .p(.text(ctx.t("indicator.confidence.rule")))),
            .h2(.text(ctx.t("indicator.reports"))),
            Table.render(caption: ctx.t("indicator.reports.caption"),
                         headers: [ctx.t("report.title-field"), ctx.t("report.who-can-see"), ctx.t("report.shared-by"), ctx.t("indicator.community"),
                                   ctx.t("report.shared-at")],
                         rows: page.reports.map { row, community in [
                            .a(.href(SiteURL.report(row.id).path), .text(row.title)), ReportView.audience(ctx, row.tlp),
                            .text(ReportView.authorLine(ctx, row)), .text(community), Format.time(row.createdAt),
                         ] }, empty: ctx.t("indicator.no-reports")),
            .if(!page.communities.isEmpty && !s.retracted, .group(
                .h2(.text(ctx.t("sighting.heading"))),
                .p(.text(ctx.t("sighting.intro"))),
                .form(.method(.post), .action(SiteURL.indicatorSightings(id).path),
                      Forms.csrf(ctx),
                      Forms.select("community", label: ctx.t("indicator.community"), options: page.communities.map { ($0.id.uuidString, $0.name) },
                                   selected: page.communities.first?.id.uuidString ?? "", error: errors["community"]),
                      Forms.field("count", label: ctx.t("sighting.count"), type: .number, value: "1", error: errors["count"]),
                      Forms.field("last_seen", label: ctx.t("sighting.last-seen"), type: .text, value: "", error: errors["last_seen"],
                                  hint: ctx.t("sighting.last-seen.hint"), required: false),
                      Forms.submit(ctx.t("sighting.add")))
            )),
            // Plot builds both branches of `.if`, so nothing here may assume `experts` is non-empty.
            .unwrap(s.retracted ? nil : experts.first) { expertCommunity in .group(
                .h2(.text(ctx.t("indicator.expert-actions"))),
                .if(!s.expertConfirmed, Forms.button(ctx, action: SiteURL.indicatorConfirm(id).path, text: ctx.t("indicator.confirm"),
                                                     hidden: [("community", expertCommunity.id.uuidString)])),
                .form(.method(.post), .action(SiteURL.indicatorRetract(id).path),
                      Forms.csrf(ctx),
                      Forms.field("reason", label: ctx.t("indicator.retract.reason"), error: errors["reason"]),
                      .button(.type(.submit), .class("danger"), .text(ctx.t("indicator.retract"))))
            ) },
        ])
    }

    static func mySightings(_ ctx: PageContext, _ p: MySightingsPage) -> Response {
        Layout.page(ctx, title: ctx.t("sightings.title"), content: [
            .p(.text(ctx.t("sightings.intro"))),
            Table.render(caption: ctx.t("sightings.caption"),
                         headers: [ctx.t("indicator.value"), ctx.t("indicator.community"), ctx.t("sighting.count"), ctx.t("sighting.last-seen"),
                                   ctx.t("sightings.by"), ctx.t("sightings.source")],
                         rows: p.rows.map { row in [
                            .a(.href(SiteURL.indicator(row.indicatorID).path), .code(.text(row.value))),
                            .text(row.community), .text(String(row.count)), Format.time(row.lastSeen), .text(row.by),
                            .text(ctx.t("sightings.source.\(row.source.rawValue)")),
                         ] }, empty: ctx.t("sightings.empty")),
        ])
    }
}
