import Foundation
import Plot
import Vapor

enum AllowlistView {
    static func page(_ ctx: PageContext, _ p: AllowlistPage, status: HTTPStatus = .ok) -> Response {
        let id = p.organisationID, errors = p.errors
        return Layout.page(ctx, title: ctx.t("allowlist.title", ["name": p.organisationName]), status: status, content: [
            .p(.a(.href(SiteURL.organisation(id).path), .text(ctx.t("allowlist.back")))),
            .p(.text(ctx.t("allowlist.intro"))),
            Table.render(caption: ctx.t("allowlist.caption"), headers: [ctx.t("indicator.value"), ctx.t("indicator.type"), ctx.t("allowlist.note"), ""],
                         rows: p.entries.map { e in [
                            .code(.text(e.value)), .text(ctx.t("indicator.type.\(e.type.rawValue)")), .text(e.note),
                            .if(p.canManage, Forms.dangerButton(ctx, action: SiteURL.organisationAllowlistDelete(id, e.id).path,
                                                                text: ctx.t("allowlist.remove"), confirm: "remove-allowlist", name: e.value)),
                         ] }, empty: ctx.t("allowlist.empty")),
            .if(p.canManage, .group(
                .h2(.text(ctx.t("allowlist.add"))),
                Forms.errorSummary(ctx, errors),
                .form(.method(.post), .action(SiteURL.organisationAllowlist(id).path),
                      Forms.csrf(ctx),
                      Forms.field("value", label: ctx.t("allowlist.value"), value: p.form.value ?? "", error: errors["value"],
                                  hint: ctx.t("allowlist.value.hint")),
                      Forms.field("note", label: ctx.t("allowlist.note"), value: p.form.note ?? "", error: errors["note"], required: false),
                      Forms.submit(ctx.t("allowlist.add")))
            )),
        ])
    }
}
