import Foundation
import Plot
import ShieldwallCore
import Vapor

enum IntegrationKeysView {
    static func page(_ ctx: PageContext, _ p: IntegrationKeysPage, status: HTTPStatus = .ok) -> Response {
        let id = p.firmID, errors = p.errors
        return Layout.page(ctx, title: ctx.t("integrations.title", ["name": p.firmName]), status: status, content: [
            .p(.a(.href(SiteURL.organisationSecurity(id).path), .text(ctx.t("integrations.back")))),
            .p(.text(ctx.t("integrations.intro"))),
            .unwrap(p.created) { created in
                .div(.class("secret-once"), .attribute(named: "role", value: "status"),
                     .p(.strong(.text(ctx.t("integrations.created", ["name": created.key.name])))),
                     .p(.code(.id("new-key"), .text(created.token))),
                     .p(.text(ctx.t("integrations.shown-once"))))
            },
            Table.render(caption: ctx.t("integrations.keys"),
                         headers: [ctx.t("field.name"), ctx.t("tokens.prefix"), ctx.t("integrations.scopes"), ctx.t("integrations.created-by"),
                                   ctx.t("tokens.created-at"), ctx.t("tokens.last-used"), ctx.t("tokens.status")],
                         rows: p.rows.map { row in [
                            .text(row.name), .code(.text(row.prefix + "…")),
                            .text(row.scopes.map { ctx.t("integrations.scope.\($0.rawValue)") }.joined(separator: ", ")),
                            .text(row.createdBy), Format.time(row.createdAt), Format.time(row.lastUsedAt),
                            row.revokedAt == nil
                                ? Forms.dangerButton(ctx, action: SiteURL.organisationIntegrationKeyRevoke(id, row.id).path, text: ctx.t("tokens.revoke"),
                                                     confirm: "revoke-integration-key", name: row.name)
                                : .text(ctx.t("tokens.revoked")),
                         ] }, empty: ctx.t("integrations.none")),
            .h2(.text(ctx.t("integrations.new"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.organisationIntegrations(id).path),
                  Forms.csrf(ctx),
                  Forms.field("name", label: ctx.t("integrations.name"), value: p.form.name ?? "", error: errors["name"], hint: ctx.t("integrations.name-hint")),
                  .element(named: "fieldset", nodes: [
                      .attr("id", "field-scopes"), .element(named: "legend", nodes: [.text(ctx.t("integrations.scopes"))]),
                      .unwrap(errors["scopes"]) { .p(.class("error"), .text($0)) },
                      Forms.checkbox("alerts", label: ctx.t("integrations.scope.alerts"), checked: p.form.alerts ?? (p.form.name == nil)),
                      Forms.checkbox("devices", label: ctx.t("integrations.scope.devices"), checked: p.form.devices ?? false),
                      Forms.checkbox("decisions", label: ctx.t("integrations.scope.decisions"), checked: p.form.decisions ?? false),
                  ]),
                  Forms.submit(ctx.t("integrations.create"))),
            .h2(.id("setup"), .text(ctx.t("integrations.setup"))),
            .p(.text(ctx.t("integrations.setup.intro"))),
            .p(.code(.text("POST \(p.ingestURL)?format=crowdsec|wazuh|suricata|clamav|shieldwall"))),
            .p(.text(ctx.t("integrations.setup.devices"))),
            .p(.code(.text("PUT \(p.devicesURL)"))),
            .p(.text(ctx.t("integrations.setup.crowdsec"))),
            .pre(.code(.text(crowdsecConfig(p.ingestURL)))),
        ])
    }

    /// CrowdSec's `http` notification plugin, pointed at this instance (`/etc/crowdsec/notifications/http.yaml`).
    static func crowdsecConfig(_ url: String) -> String {
        """
        type: http
        name: shieldwall
        log_level: info
        format: |
          {{.|toJson}}
        url: \(url)?format=crowdsec
        method: POST
        headers:
          Content-Type: application/json
          Authorization: Bearer swi_YOUR_KEY
        """
    }
}
