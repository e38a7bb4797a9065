import Foundation
import Plot
import Vapor

enum OrganisationView {
    static func show(_ ctx: PageContext, _ model: OrganisationPage, status: HTTPStatus = .ok) -> Response {
        let org = model.organisation, errors = model.errors
        return Layout.page(ctx, title: org.name, status: status, content: [
            .dl(.class("facts"),
                .dt(.text(ctx.t("field.size"))), .dd(.text(ctx.t("size.\(org.size.rawValue)") + " · " + ctx.t("org.staff", ["count": String(org.staffCount)]))),
                .dt(.text(ctx.t("field.sector"))), .dd(.text(org.sector)),
                .dt(.text(ctx.t("field.region"))), .dd(.text(org.region)),
                .dt(.text(ctx.t("org.mfa-policy"))), .dd(.text(ctx.t(org.requireMFA ? "org.mfa-required" : "org.mfa-optional")))
            ),
            .h2(.text(ctx.t("org.people"))),
            Table.render(caption: ctx.t("org.people"), headers: [ctx.t("field.name"), ctx.t("field.email"), ctx.t("field.role"), ctx.t("org.mfa"), ""],
                         rows: model.people.map { p in [
                            .text(p.displayName), .text(p.email),
                            .text(p.deactivatedAt == nil ? ctx.t("role.\((p.role ?? .staff).rawValue)") : ctx.t("org.left")),
                            .text(ctx.t(p.mfaEnabled ? "org.mfa-on" : "org.mfa-off")),
                            model.canManage && p.deactivatedAt == nil ? personActions(ctx, org: model.organisation.id, person: p) : .empty,
                         ] },
                         empty: ctx.t("org.no-people")),
            .h2(.text(ctx.t("org.communities"))),
            Table.render(caption: ctx.t("org.communities"), headers: [ctx.t("field.name"), ctx.t("community.standing"), ctx.t("org.taking-part")],
                         rows: model.communities.map { c in [
                            .a(.href(SiteURL.community(c.slug).path), .text(c.name)), .text(ctx.t("community.status-\(c.status)")),
                            .text(c.people.isEmpty ? "—" : c.people.joined(separator: ", ")),
                         ] },
                         empty: ctx.t("org.no-communities")),
            .if(model.isMember, .p(.a(.href(SiteURL.organisationSecurity(model.organisation.id).path), .text(ctx.t("org.security-link"))))),
            .if(model.isMember, .p(.a(.href(SiteURL.organisationKPIs(model.organisation.id).path), .text(ctx.t("org.kpis-link"))))),
            .if(model.isMember && model.canManage, .p(.a(.href(SiteURL.organisationTraining(model.organisation.id).path), .text(ctx.t("org.training-link"))))),
            .if(model.canManage, Forms.errorSummary(ctx, errors.filter { ["person", "role"].contains($0.key) })),
            .if(model.canManage, manage(ctx, model)),
        ])
    }

    private static func personActions(_ ctx: PageContext, org: UUID, person p: PersonSummary) -> Node<HTML.BodyContext> {
        .group(
            Forms.button(ctx, action: SiteURL.organisationPersonRole(org, p.id).path,
                         text: ctx.t(p.role == .admin ? "org.make-staff" : "org.make-admin"),
                         hidden: [("role", p.role == .admin ? "staff" : "admin")]),
            Forms.dangerButton(ctx, action: SiteURL.organisationPersonDeactivate(org, p.id).path, text: ctx.t("org.deactivate"),
                               confirm: "deactivate-person", name: p.displayName)
        )
    }

    private static func manage(_ ctx: PageContext, _ model: OrganisationPage) -> Node<HTML.BodyContext> {
        let org = model.organisation, errors = model.errors, inviteForm = model.inviteForm, settingsForm = model.settingsForm
        return .group(
            .h2(.text(ctx.t("org.invite.heading"))),
            .unwrap(model.invited) { InvitationLinkView.created(ctx, $0) },
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.organisationInvitations(org.id).path),
                Forms.csrf(ctx),
                Forms.field("email", label: ctx.t("field.email"), type: .email, value: inviteForm.email ?? "", error: errors["email"]),
                Forms.select("role", label: ctx.t("field.role"), options: [("staff", ctx.t("role.staff")), ("admin", ctx.t("role.admin"))],
                             selected: inviteForm.role ?? "staff", error: errors["role"]),
                Forms.submit(ctx.t("org.invite.submit"))
            ),
            .h3(.text(ctx.t("org.invitations"))),
            Table.render(caption: ctx.t("org.invitations"), headers: [ctx.t("field.email"), ctx.t("field.role"), ctx.t("org.expires"), ""],
                         rows: model.invitations.map { inv in [
                            .text(inv.email), .text(ctx.t("role.\(inv.role)")),
                            inv.state == .expired ? .text(ctx.t("org.expired")) : Format.time(inv.expiresAt),
                            Forms.button(ctx, action: SiteURL.organisationInvitationRevoke(org.id, inv.id).path, text: ctx.t("org.revoke")),
                         ] },
                         empty: ctx.t("org.no-invitations")),
            .h2(.id("settings"), .text(ctx.t("org.settings"))),
            .form(.method(.post), .action(SiteURL.organisationSettings(org.id).path),
                Forms.csrf(ctx),
                Forms.field("name", label: ctx.t("field.organisation-name"), value: settingsForm?.name ?? org.name, error: errors["name"]),
                Forms.field("staff_count", label: ctx.t("field.staff-count"), type: .number, value: settingsForm?.staff_count ?? String(org.staffCount),
                            error: errors["staff_count"], hint: ctx.t("field.staff-hint")),
                Forms.field("sector", label: ctx.t("field.sector"), value: settingsForm?.sector ?? org.sector, error: errors["sector"]),
                Forms.field("region", label: ctx.t("field.region"), value: settingsForm?.region ?? org.region, error: errors["region"]),
                Forms.checkbox("require_mfa", label: ctx.t("org.require-mfa"), checked: org.requireMFA),
                Forms.submit(ctx.t("org.save"))
            ),
            .p(.a(.href(SiteURL.organisationAudit(org.id).path), .text(ctx.t("org.audit-link")))),
            .p(.a(.href(SiteURL.organisationAllowlist(org.id).path), .text(ctx.t("org.allowlist-link"))))
        )
    }
}

/// The freshly created invitation link, shown once to whoever created it.
enum InvitationLinkView {
    static func created(_ ctx: PageContext, _ created: InvitationActions.Created) -> Node<HTML.BodyContext> {
        .div(.class("secret-once"), .attribute(named: "role", value: "status"),
             .p(.strong(.text(ctx.t(created.mailed ? "invite.created" : "invite.created-unmailed", ["email": created.email])))),
             .p(.text(ctx.t("invite.shown-once", ["date": Format.dateTime(created.expiresAt)]))),
             .p(.code(.id("invitation-link"), .text(created.link))))
    }
}
