import Foundation
import Plot
import ShieldwallCore
import Vapor

enum SecurityDashboardView {
    static func page(_ ctx: PageContext, _ p: SecurityDashboardPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("security.title", ["name": p.firmName]), status: status, content: [
            .p(.a(.href(SiteURL.organisation(p.firmID).path), .text(ctx.t("security.back")))),
            .p(.text(ctx.t("security.intro"))),
            .if(!p.hasKeys, .p(.class("notice"), .text(ctx.t(p.canManageKeys ? "security.no-keys.admin" : "security.no-keys")))),
            .if(p.canManageKeys, .p(.a(.href(SiteURL.organisationIntegrations(p.firmID).path), .text(ctx.t("security.keys-link"))))),
            .h2(.id("recommendations"), .text(ctx.t("security.recommendations"))),
            p.advice.isEmpty ? .p(.text(ctx.t("security.no-recommendations")))
                : .ul(.class("recommendations"), .forEach(p.advice) { advice(ctx, $0, p) }),
            devices(ctx, p),
            .h2(.id("known"), .text(ctx.t("security.known"))),
            .p(.text(ctx.t("security.known.intro"))),
            Table.render(caption: ctx.t("security.known"),
                         headers: [ctx.t("security.addresses"), ctx.t("security.known.listed"), ctx.t("security.known.community"),
                                   ctx.t("security.known.confidence"), ctx.t("security.series.alerts")],
                         rows: p.matches.prefix(SecurityDashboardPage.listed).map { m in [
                            .code(.text(m.address)), m.link.map { .a(.href($0), .code(.text(m.listed))) } ?? .code(.text(m.listed)),
                            .text(m.community), .text(String(m.confidence)), .text(String(m.alerts)),
                         ] }, empty: ctx.t("security.known.none")),
            blocks(ctx, p),
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

    private static func advice(_ ctx: PageContext, _ a: SecurityDashboardPage.Advice, _ p: SecurityDashboardPage) -> Node<HTML.ListContext> {
        let values = ["count": String(a.figure), "addresses": a.addresses.joined(separator: ", "), "device": a.device ?? "—"]
        let title = ctx.t("security.rule.\(a.rule).title", values)
        return .li(.class(a.done ? "done" : "open"),
                   .h3(.text(title)),
                   .if(a.done, .p(.strong(.text(ctx.t(a.rule == "stale-updates" ? "security.done-planned" : "security.done-blocked"))))),
                   .p(.text(ctx.t("security.rule.\(a.rule).why", values))),
                   .unwrap(a.addresses.isEmpty ? nil : a.addresses) { .p(.code(.text($0.joined(separator: " ")))) },
                   // Once blocked, warning the others is still worth doing.
                   .forEach(a.actions.filter { !(a.done && $0 == .blockAddresses) }) { action(ctx, $0, a, title: title, p) })
    }

    private static func action(_ ctx: PageContext, _ action: AlertRules.Action, _ a: SecurityDashboardPage.Advice, title: String,
                               _ p: SecurityDashboardPage) -> Node<HTML.BodyContext> {
        switch action {
        case .blockAddresses:
            guard p.canBlock else { return .p(.text(ctx.t("security.block.ask-admin"))) }
            return Forms.button(ctx, action: SiteURL.organisationSecurityBlocks(p.firmID).path, text: ctx.t("security.block.these"),
                                hidden: [("addresses", a.addresses.joined(separator: " ")), ("reason", title)])
        case .warnCommunity:
            let paste = a.addresses.joined(separator: "\n")
            return .ul(.class("warn"), .forEach(p.communities) { c in
                .li(.a(.href(SiteURL.communityReportNew(c.slug).path + "?" + query([
                    ("kind", "incident"), ("tlp", "amber"), ("title", title), ("summary", ctx.t("security.warn.summary", ["count": String(a.figure)])),
                    ("paste", paste),
                ])), .text(ctx.t("security.warn", ["community": c.name]))))
            })
        case .runMalwarePlaybook:
            // The community's playbook page, where the firm starts a run (its own copy if the community adapted it).
            return .ul(.class("playbooks"), .forEach(p.communities) { c in
                .li(.a(.href(SiteURL.communityPlaybook(c.slug, "malware").path), .text(ctx.t("security.malware.playbook", ["community": c.name]))))
            })
        case .addAction:
            guard !a.done else { return .a(.href(SiteURL.actions.path), .text(ctx.t("security.stale.see-actions"))) }
            guard p.canManageDevices else { return .p(.text(ctx.t("security.stale.ask-admin"))) }
            return Forms.button(ctx, action: SiteURL.organisationSecurityActions(p.firmID).path, text: ctx.t("security.stale.add"),
                                hidden: [("device", a.device ?? "")])
        }
    }

    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .urlUnreserved) ?? "")" }.joined(separator: "&")
    }

    private static func devices(_ ctx: PageContext, _ p: SecurityDashboardPage) -> Node<HTML.BodyContext> {
        .group(
            .h2(.id("devices"), .text(ctx.t("security.devices"))),
            .p(.text(ctx.t("devices.summary", ["count": String(p.deviceCount), "attention": String(p.attentionCount)]))),
            Table.render(caption: ctx.t("security.devices"), headers: [ctx.t("devices.name"), ctx.t("devices.owner"), ctx.t("devices.state")],
                         rows: p.attention.map { [.text($0.name), .text($0.owner), DevicesView.state(ctx, $0.problems)] },
                         empty: ctx.t(p.deviceCount == 0 ? "security.devices.none" : "security.devices.all-well")),
            .p(.a(.href(SiteURL.organisationDevices(p.firmID).path), .text(ctx.t("security.devices.link")))))
    }

    private static func blocks(_ ctx: PageContext, _ p: SecurityDashboardPage) -> Node<HTML.BodyContext> {
        .group(
            .h2(.id("blocks"), .text(ctx.t("security.blocks"))),
            .p(.text(ctx.t("security.blocks.intro"))),
            Table.render(caption: ctx.t("security.blocks"),
                         headers: [ctx.t("security.addresses"), ctx.t("security.blocks.reason"), ctx.t("integrations.created-by"),
                                   ctx.t("security.blocks.until"), ""],
                         rows: p.blocks.map { b in [
                            .code(.text(b.value)), .text(b.reason), .text(b.createdBy), Format.time(b.expiresAt),
                            .if(p.canBlock, Forms.dangerButton(ctx, action: SiteURL.organisationSecurityBlockRemove(p.firmID, b.id).path,
                                                               text: ctx.t("security.blocks.lift"), confirm: "unblock-address", name: b.value)),
                         ] }, empty: ctx.t("security.blocks.none")),
            .if(p.canBlock, .group(
                .h3(.text(ctx.t("security.blocks.add"))),
                Forms.errorSummary(ctx, p.errors),
                .form(.method(.post), .action(SiteURL.organisationSecurityBlocks(p.firmID).path),
                      Forms.csrf(ctx),
                      Forms.textarea("addresses", label: ctx.t("security.addresses"), value: p.blockForm.addresses ?? "", error: p.errors["addresses"],
                                     hint: ctx.t("security.blocks.addresses-hint")),
                      Forms.field("reason", label: ctx.t("security.blocks.reason"), value: p.blockForm.reason ?? "", error: p.errors["reason"],
                                  required: false),
                      Forms.field("days", label: ctx.t("security.blocks.days"), type: .number, value: p.blockForm.days ?? String(FirmBlockActions.defaultDays),
                                  error: p.errors["days"], required: false),
                      Forms.submit(ctx.t("security.blocks.add"))))))
    }
}
