import Plot
import Vapor

enum SignInView {
    static func signIn(_ ctx: PageContext, _ p: SignInPage, status: HTTPStatus = .ok) -> Response {
        let email = p.email, next = p.next, error = p.error
        return Layout.page(ctx, title: ctx.t("signin.title"), status: status, content: [
            .unwrap(error) { .p(.class("error-summary"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(SiteURL.signIn.path),
                Forms.csrf(ctx),
                .input(.type(.hidden), .attr("name", "next"), .attr("value", next)),
                Forms.field("email", label: ctx.t("field.email"), type: .email, value: email, autocomplete: "email"),
                Forms.field("password", label: ctx.t("field.password"), type: .password, autocomplete: "current-password"),
                Forms.submit(ctx.t("signin.submit"))
            ),
            .if(ctx.openRegistration, .p(.a(.href(SiteURL.register.path), .text(ctx.t("signin.register-link"))))),
            .p(.class("hint"), .text(ctx.t("signin.forgot"))),
        ])
    }

    static func code(_ ctx: PageContext, _ p: SignInCodePage, status: HTTPStatus = .ok) -> Response {
        let next = p.next, error = p.error
        let action = SiteURL.signInCode.path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
        return Layout.page(ctx, title: ctx.t("signin.code.title"), status: status, content: [
            .p(.text(ctx.t("signin.code.intro"))),
            .unwrap(error) { .p(.class("error-summary"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(action),
                Forms.csrf(ctx),
                Forms.field("code", label: ctx.t("field.code"), hint: ctx.t("signin.code.hint"), autocomplete: "one-time-code",
                            extra: [.attribute(named: "inputmode", value: "text"), .attribute(named: "autofocus", value: "autofocus")]),
                Forms.submit(ctx.t("signin.code.submit"))
            ),
        ])
    }
}
