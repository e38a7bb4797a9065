import Foundation
import Plot
import Vapor

enum OperatorView {
    static func home(_ ctx: PageContext, _ figures: OperatorHomePage) -> Response {
        Layout.page(ctx, title: ctx.t("operator.title"), content: [
            .ul(.class("figures"),
                .li(.strong(.text(String(figures.organisations))), .text(" " + ctx.t("operator.figure.organisations"))),
                .li(.strong(.text(String(figures.people))), .text(" " + ctx.t("operator.figure.people"))),
                .li(.strong(.text(String(figures.experts))), .text(" " + ctx.t("operator.figure.experts"))),
                .li(.strong(.text(String(figures.openInvitations))), .text(" " + ctx.t("operator.figure.invitations"))),
                .forEach(figures.more) { .li(.strong(.text(String($0.count))), .text(" " + ctx.t($0.key))) }
            ),
            .ul(.class("actions"),
                .li(.a(.href(SiteURL.operatorOrganisations.path), .text(ctx.t("operator.link.organisations")))),
                .li(.a(.href(SiteURL.operatorCommunities.path), .text(ctx.t("operator.link.communities")))),
                .li(.a(.href(SiteURL.operatorInvitations.path), .text(ctx.t("operator.link.invitations")))),
                .li(.a(.href(SiteURL.operatorOutbox.path), .text(ctx.t("operator.link.outbox", ["count": String(figures.outbox)])))),
                .li(.a(.href(SiteURL.reviewReports.path), .text(ctx.t("operator.link.reviews")))),
                .li(.a(.href(SiteURL.operatorSettings.path), .text(ctx.t("operator.link.settings")))),
                .li(.a(.href(SiteURL.operatorKPIs.path), .text(ctx.t("operator.link.kpis")))),
                .li(.a(.href(SiteURL.operatorFederation.path), .text(ctx.t("operator.link.federation")))),
                .li(.a(.href(SiteURL.operatorAudit.path), .text(ctx.t("operator.link.audit"))))
            ),
        ])
    }

    static func organisations(_ ctx: PageContext, _ p: OperatorOrganisationsPage, status: HTTPStatus = .ok) -> Response {
        let form = p.form, errors = p.errors
        return Layout.page(ctx, title: ctx.t("operator.organisations.title"), status: status, content: [
            .h2(.text(ctx.t("operator.organisations.new"))),
            .unwrap(p.created) { InvitationLinkView.created(ctx, $0) },
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.operatorOrganisations.path),
                Forms.csrf(ctx),
                Forms.field("name", label: ctx.t("field.organisation-name"), value: form.name ?? "", error: errors["name"]),
                Forms.field("staff_count", label: ctx.t("field.staff-count"), type: .number, value: form.staff_count ?? "",
                            error: errors["staff_count"], hint: ctx.t("field.staff-hint")),
                Forms.field("sector", label: ctx.t("field.sector"), value: form.sector ?? "", error: errors["sector"]),
                Forms.field("region", label: ctx.t("field.region"), value: form.region ?? "", error: errors["region"]),
                Forms.field("admin_email", label: ctx.t("field.admin-email"), type: .email, value: form.admin_email ?? "",
                            error: errors["admin_email"], hint: ctx.t("field.admin-email-hint")),
                Forms.submit(ctx.t("operator.organisations.create"))
            ),
            .h2(.text(ctx.t("operator.organisations.all"))),
            Table.render(caption: ctx.t("operator.organisations.all"),
                         headers: [ctx.t("field.name"), ctx.t("field.size"), ctx.t("field.sector"), ctx.t("field.region"), ctx.t("org.people")],
                         rows: p.rows.map { row in [
                            .a(.href(SiteURL.organisation(row.summary.id).path), .text(row.summary.name)),
                            .text(ctx.t("size.\(row.summary.size.rawValue)") + " (\(row.summary.staffCount))"),
                            .text(row.summary.sector), .text(row.summary.region), .text(String(row.people)),
                         ] },
                         empty: ctx.t("operator.organisations.none")),
        ])
    }

    static func invitations(_ ctx: PageContext, _ p: OperatorInvitationsPage, status: HTTPStatus = .ok) -> Response {
        let form = p.form, errors = p.errors
        return Layout.page(ctx, title: ctx.t("operator.invitations.title"), status: status, content: [
            .p(.text(ctx.t("operator.invitations.intro"))),
            .unwrap(p.created) { InvitationLinkView.created(ctx, $0) },
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.operatorInvitations.path),
                Forms.csrf(ctx),
                Forms.field("email", label: ctx.t("field.email"), type: .email, value: form.email ?? "", error: errors["email"]),
                Forms.select("kind", label: ctx.t("field.invitation-kind"),
                             options: [("expert", ctx.t("role.expert")), ("operator", ctx.t("role.operator"))],
                             selected: form.kind ?? "expert", error: errors["kind"]),
                Forms.submit(ctx.t("operator.invitations.submit"))
            ),
            Table.render(caption: ctx.t("org.invitations"), headers: [ctx.t("field.email"), ctx.t("field.role"), ctx.t("org.expires")],
                         rows: p.pending.map { inv in [
                            .text(inv.email), .text(ctx.t("role.\(inv.role)")),
                            inv.state == .expired ? .text(ctx.t("org.expired")) : Format.time(inv.expiresAt),
                         ] },
                         empty: ctx.t("org.no-invitations")),
        ])
    }

    static func outbox(_ ctx: PageContext, _ p: OutboxPage) -> Response {
        Layout.page(ctx, title: ctx.t("operator.outbox.title"), content: [
            .p(.text(ctx.t(p.sendmailConfigured ? "operator.outbox.sendmail" : "operator.outbox.intro"))),
            p.messages.isEmpty
                ? .p(.class("empty"), .text(ctx.t("operator.outbox.empty")))
                : .group(p.messages.map { m in
                    .article(.class("mail"),
                        .h2(.text(m.subject)),
                        .p(.text(ctx.t("operator.outbox.to", ["to": m.to])), .text(" · "), Format.time(m.at)),
                        .pre(.text(m.body)))
                }),
        ])
    }

    static func settings(_ ctx: PageContext, _ p: OperatorSettingsPage, status: HTTPStatus = .ok) -> Response {
        let settings = p.settings, errors = p.errors
        return Layout.page(ctx, title: ctx.t("operator.settings.title"), status: status, content: [
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.operatorSettings.path),
                Forms.csrf(ctx),
                Forms.checkbox("open_registration", label: ctx.t("operator.settings.open-registration"), checked: settings.openRegistration),
                Forms.checkbox("auto_approve_communities", label: ctx.t("operator.settings.auto-approve"), checked: settings.autoApproveCommunities),
                Forms.field("session_idle_minutes", label: ctx.t("operator.settings.idle"), type: .number,
                            value: String(settings.sessionIdleMinutes), error: errors["session_idle_minutes"]),
                Forms.field("session_absolute_hours", label: ctx.t("operator.settings.absolute"), type: .number,
                            value: String(settings.sessionAbsoluteHours), error: errors["session_absolute_hours"]),
                Forms.field("benchmark_minimum_firms", label: ctx.t("operator.settings.benchmark-k"), type: .number,
                            value: String(settings.benchmarkMinimumFirms), error: errors["benchmark_minimum_firms"],
                            hint: ctx.t("operator.settings.benchmark-k.hint")),
                Forms.field("alert_retention_days", label: ctx.t("operator.settings.alert-retention"), type: .number,
                            value: String(settings.alertRetentionDays), error: errors["alert_retention_days"],
                            hint: ctx.t("operator.settings.alert-retention.hint")),
                Forms.textarea("report_places", label: ctx.t("operator.settings.report-places"), value: settings.reportPlaces,
                               error: errors["report_places"], hint: ctx.t("operator.settings.report-places.hint"), required: false, rows: 5),
                Forms.submit(ctx.t("operator.settings.save"))
            ),
        ])
    }
}
