import Foundation
import Plot
import ShieldwallCore
import Vapor

enum AccountView {
    static func overview(_ ctx: PageContext, _ p: AccountPage, status: HTTPStatus = .ok) -> Response {
        let person = p.person, errors = p.errors
        return Layout.page(ctx, title: ctx.t("account.title"), status: status, content: [
            .p(.text(ctx.t("account.signed-in-as", ["name": person.displayName, "email": person.email]))),
            .if(person.mustEnrolMFA, .p(.class("notice"), .text(ctx.t("account.mfa-required")))),
            .ul(.class("actions"),
                .li(.a(.href(SiteURL.accountMFA.path), .text(ctx.t("account.link.mfa")))),
                .li(.a(.href(SiteURL.accountTokens.path), .text(ctx.t("account.link.tokens")))),
                .li(.a(.href(SiteURL.accountSessions.path), .text(ctx.t("account.link.sessions"))))
            ),
            .section(
                .h2(.text(ctx.t("account.password.heading"))),
                Forms.errorSummary(ctx, errors),
                .form(.method(.post), .action(SiteURL.accountPassword.path),
                    Forms.csrf(ctx),
                    Forms.field("current_password", label: ctx.t("field.current-password"), type: .password,
                                error: errors["current_password"], autocomplete: "current-password"),
                    Forms.field("new_password", label: ctx.t("field.new-password"), type: .password, error: errors["new_password"],
                                hint: ctx.t("field.password-hint"), autocomplete: "new-password"),
                    Forms.field("new_password_confirmation", label: ctx.t("field.new-password-again"), type: .password,
                                error: errors["new_password_confirmation"], autocomplete: "new-password"),
                    Forms.submit(ctx.t("account.password.submit"))
                )
            ),
            .section(
                .h2(.text(ctx.t("account.language.heading"))),
                .form(.method(.post), .action(SiteURL.accountLanguage.path),
                    Forms.csrf(ctx),
                    Forms.select("language", label: ctx.t("field.language"),
                                 options: ctx.languages.map { ($0.language, $0.displayName) }, selected: person.language),
                    .button(.type(.submit), .class("secondary"), .text(ctx.t("account.language.submit")))
                )
            ),
        ])
    }

    static func mfa(_ ctx: PageContext, _ p: MFAPage, status: HTTPStatus = .ok) -> Response {
        let person = p.person, remainingCodes = p.remainingCodes, errors = p.errors
        return Layout.page(ctx, title: ctx.t("mfa.title"), status: status, content: [
            .p(.text(ctx.t("mfa.why"))),
            .if(person.mustEnrolMFA, .p(.class("notice"), .text(ctx.t("account.mfa-required")))),
            Forms.errorSummary(ctx, errors),
            person.mfaEnabled
                ? .group(
                    .p(.class("ok"), .text(ctx.t("mfa.on"))),
                    .p(.text(ctx.t("mfa.codes-left", ["count": String(remainingCodes)]))),
                    .form(.method(.post), .action(SiteURL.accountRecoveryCodes.path),
                        Forms.csrf(ctx),
                        Forms.field("current_password", label: ctx.t("field.current-password"), type: .password, autocomplete: "current-password",
                                    id: "field-codes-current_password"),
                        Forms.submit(ctx.t("mfa.new-codes"))
                    ),
                    .h2(.text(ctx.t("mfa.disable.heading"))),
                    .form(.method(.post), .action(SiteURL.accountMFADisable.path),
                        Forms.csrf(ctx),
                        Forms.field("current_password", label: ctx.t("field.current-password"), type: .password,
                                    autocomplete: "current-password", id: "field-disable-current_password"),
                        .button(.type(.submit), .class("danger"), .text(ctx.t("mfa.disable.submit")))
                    )
                )
                : .group(
                    .p(.class("warning"), .text(ctx.t("mfa.off"))),
                    .form(.method(.post), .action(SiteURL.accountMFAStart.path),
                        Forms.csrf(ctx),
                        Forms.field("current_password", label: ctx.t("field.current-password"), type: .password,
                                    error: errors["current_password"], autocomplete: "current-password"),
                        Forms.submit(ctx.t("mfa.start"))
                    )
                ),
        ])
    }

    static func enrol(_ ctx: PageContext, _ p: MFAEnrolPage, status: HTTPStatus = .ok) -> Response {
        let secret = p.secret, email = p.email, error = p.error
        let totp = TOTP(secret: secret)
        let uri = totp.provisioningURI(account: email, issuer: "Shieldwall")
        let grouped = Base32.encode(secret).enumerated().map { $0.offset > 0 && $0.offset % 4 == 0 ? " \($0.element)" : "\($0.element)" }.joined()
        return Layout.page(ctx, title: ctx.t("mfa.enrol.title"), status: status, content: [
            .ol(
                .li(.text(ctx.t("mfa.enrol.step1"))),
                .li(.text(ctx.t("mfa.enrol.step2")), .p(.code(.id("totp-secret"), .text(grouped))),
                    .p(.a(.href(escapeAttribute(uri)), .id("totp-link"), .text(ctx.t("mfa.enrol.link"))))),
                .li(.text(ctx.t("mfa.enrol.step3")))
            ),
            .unwrap(error) { .p(.class("error-summary"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(SiteURL.accountMFAConfirm.path),
                Forms.csrf(ctx),
                Forms.field("code", label: ctx.t("field.code"), error: error, autocomplete: "one-time-code",
                            extra: [.attribute(named: "inputmode", value: "numeric")]),
                Forms.submit(ctx.t("mfa.enrol.submit"))
            ),
        ])
    }

    static func recoveryCodes(_ ctx: PageContext, _ p: RecoveryCodesPage) -> Response {
        Layout.page(ctx, title: ctx.t("mfa.codes.title"), content: [
            .p(.class("ok"), .text(ctx.t("mfa.codes.intro"))),
            .ul(.id("recovery-codes"), .class("codes"), .forEach(p.codes) { .li(.code(.text($0))) }),
            .p(.text(ctx.t("mfa.codes.keep"))),
            .p(.a(.href(SiteURL.home.path), .text(ctx.t("mfa.codes.done")))),
        ])
    }

    static func tokens(_ ctx: PageContext, _ p: TokensPage, status: HTTPStatus = .ok) -> Response {
        let rows = p.rows, created = p.created, name = p.name, errors = p.errors
        return Layout.page(ctx, title: ctx.t("tokens.title"), status: status, content: [
            .p(.text(ctx.t("tokens.intro"))),
            .unwrap(created) { created in
                .div(.class("secret-once"), .attribute(named: "role", value: "status"),
                     .p(.strong(.text(ctx.t("tokens.created", ["name": created.name])))),
                     .p(.code(.id("new-token"), .text(created.token))),
                     .p(.text(ctx.t("tokens.shown-once"))))
            },
            Table.render(caption: ctx.t("tokens.list"), headers: [ctx.t("field.name"), ctx.t("tokens.prefix"), ctx.t("tokens.created-at"),
                                               ctx.t("tokens.last-used"), ctx.t("tokens.status")],
                         rows: rows.map { row in [
                            .text(row.name), .code(.text(row.prefix + "…")), Format.time(row.createdAt), Format.time(row.lastUsedAt),
                            row.revokedAt == nil
                                ? Forms.dangerButton(ctx, action: SiteURL.accountTokenRevoke(row.id).path, text: ctx.t("tokens.revoke"),
                                                     confirm: "revoke-token", name: row.name)
                                : .text(ctx.t("tokens.revoked")),
                         ] },
                         empty: ctx.t("tokens.none")),
            .h2(.text(ctx.t("tokens.new"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.accountTokens.path),
                Forms.csrf(ctx),
                Forms.field("name", label: ctx.t("tokens.name"), value: name, error: errors["name"], hint: ctx.t("tokens.name-hint")),
                Forms.field("current_password", label: ctx.t("field.current-password"), type: .password,
                            error: errors["current_password"], autocomplete: "current-password"),
                Forms.submit(ctx.t("tokens.create"))
            ),
        ])
    }

    static func sessions(_ ctx: PageContext, _ p: SessionsPage) -> Response {
        let rows = p.rows
        return Layout.page(ctx, title: ctx.t("sessions.title"), content: [
            Table.render(caption: ctx.t("sessions.list"),
                         headers: [ctx.t("sessions.device"), ctx.t("sessions.address"), ctx.t("sessions.started"), ctx.t("sessions.last-seen"), ""],
                         rows: rows.map { row in [
                            .group(.text(row.userAgent.isEmpty ? "—" : row.userAgent),
                                   .if(row.isCurrent, .strong(.text(" (" + ctx.t("sessions.this-one") + ")")))),
                            .text(row.address), Format.time(row.createdAt), Format.time(row.lastSeenAt),
                            Forms.button(ctx, action: SiteURL.accountSessionRevoke(row.id).path, text: ctx.t("sessions.end")),
                         ] },
                         empty: ctx.t("sessions.none")),
            .form(.method(.post), .action(SiteURL.accountSignOutEverywhere.path),
                Forms.csrf(ctx),
                .button(.type(.submit), .class("danger"), .text(ctx.t("sessions.everywhere")))
            ),
        ])
    }
}
