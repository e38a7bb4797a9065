import Foundation
import Plot
import ShieldwallCore
import Vapor

enum DevicesView {
    static func page(_ ctx: PageContext, _ p: DevicesPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("devices.title", ["name": p.firmName]), status: status, content: [
            .p(.a(.href(SiteURL.organisationSecurity(p.firmID).path), .text(ctx.t("devices.back")))),
            .p(.text(ctx.t("devices.intro"))),
            .p(.strong(.text(ctx.t("devices.summary", ["count": String(p.rows.count), "attention": String(p.needingAttention)])))),
            Table.render(caption: ctx.t("devices.list"),
                         headers: [ctx.t("devices.name"), ctx.t("devices.kind"), ctx.t("devices.system"), ctx.t("devices.owner"),
                                   ctx.t("devices.last-update"), ctx.t("devices.state"), ctx.t("devices.reported")],
                         rows: p.rows.map { row in [
                            .text(row.name), .text(ctx.t("devices.kind.\(row.kind.rawValue)")), .text(row.system), .text(row.owner),
                            Format.time(row.lastUpdate), state(ctx, row.problems),
                            .group(Format.time(row.reportedAt), .text(" · " + (row.source ?? ctx.t("devices.source.upload")))),
                         ] }, empty: ctx.t("devices.none")),
            .p(.a(.href(SiteURL.organisationDevicesCSV(p.firmID).path), .text(ctx.t("devices.download")))),
            policy(ctx, p),
            .if(p.canManage, upload(ctx, p)),
        ])
    }

    /// What is wrong with a device, in plain words; or that it is protected as the firm asks.
    static func state(_ ctx: PageContext, _ problems: [DevicePolicy.Problem]) -> Node<HTML.BodyContext> {
        guard !problems.isEmpty else { return .span(.class("ok"), .text(ctx.t("devices.protected"))) }
        return .ul(.class("problems"), .forEach(problems) { .li(.text(words(ctx, $0))) })
    }

    static func words(_ ctx: PageContext, _ problem: DevicePolicy.Problem) -> String {
        ctx.t("devices.problem.\(problem.code)", ["days": problem.days.map(String.init) ?? ""])
    }

    private static func policy(_ ctx: PageContext, _ p: DevicesPage) -> Node<HTML.BodyContext> {
        let form = p.policyForm ?? DevicePolicyForm(
            updateWithinDays: String(p.policy.updateWithinDays), signaturesWithinDays: String(p.policy.signaturesWithinDays),
            backupWithinDays: p.policy.backupWithinDays.map(String.init) ?? "", encryptPortable: p.policy.encryptPortable,
            requireMalwareProtection: p.policy.requireMalwareProtection)
        guard p.canManage else {
            return .group(.h2(.id("policy"), .text(ctx.t("devices.policy"))),
                          .ul(.forEach(policyLines(ctx, p.policy)) { .li(.text($0)) }))
        }
        return .group(
            .h2(.id("policy"), .text(ctx.t("devices.policy"))),
            .p(.text(ctx.t("devices.policy.intro"))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(SiteURL.organisationDevicePolicy(p.firmID).path),
                  Forms.csrf(ctx),
                  Forms.field("updateWithinDays", label: ctx.t("devices.policy.updates"), type: .number, value: form.updateWithinDays ?? "",
                              error: p.errors["updateWithinDays"]),
                  Forms.field("signaturesWithinDays", label: ctx.t("devices.policy.signatures"), type: .number, value: form.signaturesWithinDays ?? "",
                              error: p.errors["signaturesWithinDays"]),
                  Forms.field("backupWithinDays", label: ctx.t("devices.policy.backup"), type: .number, value: form.backupWithinDays ?? "",
                              error: p.errors["backupWithinDays"], required: false),
                  Forms.checkbox("requireMalwareProtection", label: ctx.t("devices.policy.malware"), checked: form.requireMalwareProtection ?? false),
                  Forms.checkbox("encryptPortable", label: ctx.t("devices.policy.encrypt"), checked: form.encryptPortable ?? false),
                  // The upload is the page's main action; changing the policy is occasional.
                  .button(.type(.submit), .class("secondary"), .text(ctx.t("devices.policy.save")))))
    }

    static func policyLines(_ ctx: PageContext, _ policy: DevicePolicy) -> [String] {
        [ctx.t("devices.policy.updates") + ": " + String(policy.updateWithinDays),
         ctx.t("devices.policy.signatures") + ": " + String(policy.signaturesWithinDays),
         ctx.t("devices.policy.backup") + ": " + (policy.backupWithinDays.map(String.init) ?? "—"),
         ctx.t("devices.policy.malware") + ": " + ctx.t(policy.requireMalwareProtection ? "devices.yes" : "devices.no"),
         ctx.t("devices.policy.encrypt") + ": " + ctx.t(policy.encryptPortable ? "devices.yes" : "devices.no")]
    }

    private static func upload(_ ctx: PageContext, _ p: DevicesPage) -> Node<HTML.BodyContext> {
        .group(
            .h2(.id("upload"), .text(ctx.t("devices.upload"))),
            .p(.text(ctx.t("devices.upload.intro"))),
            .p(.code(.text(DeviceInventory.columns.joined(separator: ",")))),
            .if(!p.uploadProblems.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                .p(.strong(.text(ctx.t("devices.upload.refused")))),
                .ul(.forEach(p.uploadProblems) { .li(.text($0)) }))),
            .form(.method(.post), .action(SiteURL.organisationDevices(p.firmID).path), .enctype(.multipartData),
                  Forms.csrf(ctx),
                  .div(.class("field"),
                       .label(.for("field-file"), .text(ctx.t("devices.upload.file"))),
                       .input(.type(.file), .id("field-file"), .name("file"), .attr("accept", ".csv,text/csv"))),
                  Forms.submit(ctx.t("devices.upload.submit"))))
    }
}
