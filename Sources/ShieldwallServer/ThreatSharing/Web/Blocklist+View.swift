import Foundation
import Plot
import ShieldwallCore
import Vapor

enum BlocklistView {
    static func page(_ ctx: PageContext, _ p: BlocklistPage, status: HTTPStatus = .ok) -> Response {
        let card = p.card, result = p.result, rule = p.rule, canFacilitate = p.canFacilitate, errors = p.errors
        return Layout.page(ctx, title: ctx.t("blocklist.title", ["community": card.name]), status: status, content: [
            .p(.a(.href(SiteURL.communityThreats(card.slug).path), .text(ctx.t("threats.back")))),
            .p(.class("lead"), .text(ctx.t("blocklist.plain")), .text(" "), Glossary.link(ctx, "blocklist")),
            .p(.text(ctx.t("blocklist.count", ["count": String(result.entries.count)]))),
            Glossary.forITPerson(ctx,
                .h2(.text(ctx.t("blocklist.rule.heading"))),
                .p(.text(ctx.t("blocklist.rule", ["firms": String(rule.minimumFirms)]))),
                .ul(.li(.text(ctx.t("blocklist.rule.never"))), .li(.text(ctx.t("blocklist.rule.lifetime"))), .li(.text(ctx.t("blocklist.rule.red"))))),
            .if(!result.excluded.isEmpty, .ul(.class("excluded"), .forEach(result.excluded.sorted { $0.key < $1.key }) { key, n in
                .li(.text(ctx.t("blocklist.excluded.\(key)", ["count": String(n)])))
            })),
            .h2(.id("feed"), .text(ctx.t("blocklist.feed.heading"))),
            .p(.text(ctx.t("blocklist.feed.intro"))),
            .unwrap(p.feedURL) { url in
                .div(.class("secret"), .attribute(named: "role", value: "status"),
                     .p(.text(ctx.t("blocklist.feed.once"))),
                     .p(.code(.id("feed-txt"), .text(url + ".txt"))),
                     .p(.code(.id("feed-csv"), .text(url + ".csv"))),
                     .p(.text(ctx.t("blocklist.feed.crowdsec")), .code(.id("feed-crowdsec"), .text(url + ".crowdsec.csv"))),
                     .p(.class("hint"), .text(ctx.t("blocklist.feed.filters"))))
            },
            Forms.button(ctx, action: SiteURL.communityBlocklistToken(card.slug).path,
                         text: ctx.t(p.hasToken ? "blocklist.feed.replace" : "blocklist.feed.create")),
            .h2(.id("warnings"), .text(ctx.t("blocklist.warnings.heading"))),
            .p(.text(ctx.t("blocklist.warnings.intro"))),
            Table.render(caption: ctx.t("blocklist.warnings.caption"), headers: [ctx.t("indicator.value"), ctx.t("indicator.type"), ctx.t("blocklist.warnings.reason"), ""],
                         rows: p.warnings.map { w in [
                            .code(.text(w.value)), .text(ctx.t("indicator.type.\(w.type.rawValue)")), .text(w.reason),
                            .if(canFacilitate, Forms.dangerButton(ctx, action: SiteURL.communityWarningDelete(card.slug, w.id).path,
                                                                  text: ctx.t("allowlist.remove"), confirm: "remove-warning", name: w.value)),
                         ] }, empty: ctx.t("blocklist.warnings.empty")),
            .if(canFacilitate, .group(
                Forms.errorSummary(ctx, errors),
                .form(.method(.post), .action(SiteURL.communityWarnings(card.slug).path),
                      Forms.csrf(ctx),
                      Forms.field("value", label: ctx.t("allowlist.value"), error: errors["value"]),
                      Forms.field("reason", label: ctx.t("blocklist.warnings.reason"), error: errors["reason"]),
                      Forms.submit(ctx.t("blocklist.warnings.add"))),
                .h2(.text(ctx.t("blocklist.settings.heading"))),
                .form(.method(.post), .action(SiteURL.communityBlocklistSettings(card.slug).path),
                      Forms.csrf(ctx),
                      Forms.field("minimum_firms", label: ctx.t("blocklist.settings.minimum"), type: .number, value: String(rule.minimumFirms),
                                  error: errors["minimum_firms"], hint: ctx.t("blocklist.settings.hint")),
                      Forms.submit(ctx.t("blocklist.settings.save")))
            )),
            .h2(.text(ctx.t("blocklist.preview"))),
            Table.render(caption: ctx.t("blocklist.preview.caption"),
                         headers: [ctx.t("indicator.value"), ctx.t("indicator.type"), ctx.t("indicator.confidence"), ctx.t("indicator.expires")],
                         rows: result.entries.prefix(200).map { e in [
                            .code(.text(e.indicator.value)), .text(ctx.t("indicator.type.\(e.indicator.type.rawValue)")),
                            .text(String(e.confidence)), Format.time(e.expires),
                         ] }, empty: ctx.t("blocklist.empty")),
        ])
    }
}
