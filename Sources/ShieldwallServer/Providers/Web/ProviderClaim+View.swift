import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ProviderClaimView {
    static func show(_ ctx: PageContext, _ p: ProviderClaimPage, status: HTTPStatus = .ok) -> Response {
        let action = SiteURL.providerClaim(p.token).path
        let body: Node<HTML.BodyContext>
        switch p.mode {
        case .accept:
            body = .form(.method(.post), .action(action), Forms.csrf(ctx), Forms.submit(ctx.t("providers.claim.accept")))
        case .otherAccount(let email):
            body = .p(.class("notice"), .text(ctx.t("providers.claim.error.other-account", ["email": p.email, "current": email])))
        case .signIn:
            body = .p(.a(.class("button"), .href(SiteURL.signIn.path + "?next=" + (action.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")),
                         .text(ctx.t("providers.claim.sign-in"))))
        case .create:
            body = .form(.method(.post), .action(action), .id("claim-account"),
                Forms.csrf(ctx),
                Forms.field("display_name", label: ctx.t("field.display-name"), value: p.form.display_name ?? "", error: p.errors["display_name"],
                            autocomplete: "name"),
                Forms.field("password", label: ctx.t("field.password"), type: .password, error: p.errors["password"],
                            hint: ctx.t("field.password-hint"), autocomplete: "new-password"),
                Forms.field("password_confirmation", label: ctx.t("field.password-again"), type: .password,
                            error: p.errors["password_confirmation"], autocomplete: "new-password"),
                Forms.submit(ctx.t("providers.claim.create")))
        }
        return Layout.page(ctx, title: ctx.t("providers.claim.page-title", ["provider": p.provider]), status: status, content: [
            .p(.class("lead"), .text(ctx.t("providers.claim.page-intro", ["provider": p.provider]))),
            .p(.text(ctx.t("invitation.for", ["email": p.email]))),
            Forms.errorSummary(ctx, p.errors),
            body,
        ])
    }
}
