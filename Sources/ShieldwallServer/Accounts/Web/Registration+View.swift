import Foundation
import Plot
import Vapor

enum RegistrationView {
    static func form(_ ctx: PageContext, _ p: RegistrationPage, status: HTTPStatus = .ok) -> Response {
        let form = p.form, errors = p.errors
        return Layout.page(ctx, title: ctx.t("register.title"), status: status, content: [
            .p(.text(ctx.t("register.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.register.path),
                Forms.csrf(ctx),
                .fieldset(.element(named: "legend", nodes: [.text(ctx.t("register.organisation"))]),
                    Forms.field("organisation_name", label: ctx.t("field.organisation-name"), value: form.organisation_name ?? "",
                                error: errors["organisation_name"]),
                    Forms.field("staff_count", label: ctx.t("field.staff-count"), type: .number, value: form.staff_count ?? "",
                                error: errors["staff_count"], hint: ctx.t("field.staff-hint")),
                    Forms.field("sector", label: ctx.t("field.sector"), value: form.sector ?? "", error: errors["sector"]),
                    Forms.field("region", label: ctx.t("field.region"), value: form.region ?? "", error: errors["region"])
                ),
                .fieldset(.element(named: "legend", nodes: [.text(ctx.t("register.you"))]),
                    Forms.field("display_name", label: ctx.t("field.display-name"), value: form.display_name ?? "",
                                error: errors["display_name"], autocomplete: "name"),
                    Forms.field("email", label: ctx.t("field.email"), type: .email, value: form.email ?? "", error: errors["email"],
                                autocomplete: "email"),
                    Forms.field("password", label: ctx.t("field.password"), type: .password, error: errors["password"],
                                hint: ctx.t("field.password-hint"), autocomplete: "new-password"),
                    Forms.field("password_confirmation", label: ctx.t("field.password-again"), type: .password,
                                error: errors["password_confirmation"], autocomplete: "new-password")
                ),
                Forms.submit(ctx.t("register.submit"))
            ),
        ])
    }
}
