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

    static func requireOpen(_ req: Request) async throws {
        guard try await req.instanceSettings().openRegistration else {
            throw Abort(.notFound, reason: req.t("register.closed"))
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await Self.requireOpen(req)
        return RegistrationView.form(try await req.pageContext(), RegistrationPage(form: RegistrationForm(), errors: [:]))
    }

    @Sendable func register(req: Request) async throws -> Response {
        try await Self.requireOpen(req)
        let form = try req.content.decode(RegistrationForm.self)
        do {
            let person = try await Self.create(form, ctx: ActionContext(req))
            let response = req.seeOther(SiteURL.home.path, flash: "flash.welcome")
            try await SessionIssuer.start(req, person: person, stage: .full, response: response)
            return response
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return RegistrationView.form(ctx, RegistrationPage(form: form, errors: failure.messages(ctx.localiser)), status: .unprocessableEntity)
        }
    }

    /// Checks every field first, then writes organisation, person and audit entry in one transaction.
    static func create(_ form: RegistrationForm, ctx: ActionContext) async throws -> Person {
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
