import Foundation
import Plot
import ShieldwallCore
import Vapor

enum InvitationView {
    static func accept(_ ctx: PageContext, _ p: InvitationPage, status: HTTPStatus = .ok) -> Response {
        let form = p.form, errors = p.errors
        let intro: String
        switch p.purpose {
        case .organisation(let name, let role):
            intro = ctx.t("invitation.intro-organisation", ["organisation": name, "role": ctx.t("role.\(role.rawValue)")])
        case .operator: intro = ctx.t("invitation.intro-operator")
        case .expert: intro = ctx.t("invitation.intro-expert")
        }
        return Layout.page(ctx, title: ctx.t("invitation.title"), status: status, content: [
            .p(.text(intro)),
            .p(.text(ctx.t("invitation.for", ["email": p.email]))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.invitation(p.token).path),
                Forms.csrf(ctx),
                Forms.field("display_name", label: ctx.t("field.display-name"), value: form.display_name ?? "",
                            error: errors["display_name"], autocomplete: "name"),
                Forms.field("password", label: ctx.t("field.password"), type: .password, error: errors["password"],
                            hint: ctx.t("field.password-hint"), autocomplete: "new-password"),
                Forms.field("password_confirmation", label: ctx.t("field.password-again"), type: .password,
                            error: errors["password_confirmation"], autocomplete: "new-password"),
                Forms.select("language", label: ctx.t("field.language"), options: ctx.languages.map { ($0.language, $0.displayName) },
                             selected: form.language ?? ctx.localiser.language),
                Forms.submit(ctx.t("invitation.submit"))
            ),
        ])
    }

    static func unusable(_ ctx: PageContext, _ p: InvitationUnusablePage) -> Response {
        let key = p.state.map { "error.invitation-\($0.rawValue)" } ?? "error.invitation-unknown"
        return Layout.page(ctx, title: ctx.t("invitation.unusable.title"), status: p.state == nil ? .notFound : .gone, content: [
            .p(.text(p.message ?? ctx.t(key))),
            .p(.text(ctx.t("invitation.unusable.next"))),
        ])
    }
}
