import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Open registration (an instance setting, off by default): a person and their new organisation,
/// of which they become the admin.
struct RegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.register, use: show)
        routes.post(SiteURL.register, use: register)
    }

    struct Form: Content {
        var organisation_name: String?
        var staff_count: String?
        var sector: String?
        var region: String?
        var display_name: String?
        var email: String?
        var password: String?
        var password_confirmation: String?
    }

    static func requireOpen(_ req: Request) async throws {
        guard try await req.instanceSettings().openRegistration else {
            throw Abort(.notFound, reason: req.t("register.closed"))
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await Self.requireOpen(req)
        return RegistrationView.form(try await req.pageContext(), form: Form(), errors: [:])
    }

    @Sendable func register(req: Request) async throws -> Response {
        try await Self.requireOpen(req)
        let form = try req.content.decode(Form.self)
        do {
            let person = try await Self.create(form, ctx: ActionContext(req))
            let response = req.seeOther(SiteURL.home.path, flash: "flash.welcome")
            try await SessionIssuer.start(req, person: person, stage: .full, response: response)
            return response
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return RegistrationView.form(ctx, form: form, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    /// Checks every field first, then writes organisation, person and audit entry in one transaction.
    static func create(_ form: Form, ctx: ActionContext) async throws -> Person {
        var problems: [FieldProblem] = []
        var org: (name: String, staff: Int, size: OrganisationSize, sector: String, region: String)?
        do {
            org = try OrganisationActions.validate(.init(name: form.organisation_name, staffCount: form.staff_count,
                                                         sector: form.sector, region: form.region))
        } catch let f as ValidationFailure {
            problems += f.problems.map { $0.field == "name" ? FieldProblem(field: "organisation_name", key: $0.key, values: $0.values) : $0 }
        }
        var list = ProblemList()
        let name = list.text("display_name", form.display_name, maxLength: 100)
        var email: EmailAddress?
        do { email = try EmailAddress(form.email ?? "") } catch {
            list.add("email", error == .empty ? "error.required" : "error.email")
        }
        if let email, try await Person.query(on: ctx.db).filter(\.$email == email.normalised).first() != nil {
            list.add("email", "error.email-taken")
        }
        let password = form.password ?? ""
        if let p = Passwords.problem(password, personalDetails: [form.email ?? "", name], policy: ctx.services.passwordPolicy) {
            list.add(p.field, p.key, p.values)
        } else if password != (form.password_confirmation ?? "") {
            list.add("password_confirmation", "error.password-mismatch")
        }
        problems += list.problems
        guard problems.isEmpty, let org, let email else { throw ValidationFailure(problems) }
        let hash = try await ctx.hasher.hash(password)
        return try await ctx.db.transaction { tx in
            let organisation = Organisation(name: org.name, staffCount: org.staff, size: org.size, sector: org.sector,
                                            region: org.region, createdAt: ctx.now)
            try await organisation.create(on: tx)
            let person = Person(email: email.normalised, displayName: name, passwordHash: hash, organisationID: organisation.id,
                                organisationRole: .admin, language: CatalogueSet.baseLanguage, isOperator: false, createdAt: ctx.now)
            try await person.create(on: tx)
            try await AuditLog.record(.registered, personID: person.id, email: person.email, organisationID: organisation.id,
                                      detail: org.name, address: ctx.address, at: ctx.now, on: tx)
            return person
        }
    }
}

enum RegistrationView {
    static func form(_ ctx: PageContext, form: RegistrationController.Form, errors: [String: String], status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("register.title"), status: status, content: [
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
                                autocomplete: "username"),
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
