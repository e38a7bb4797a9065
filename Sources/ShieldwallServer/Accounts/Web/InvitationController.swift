import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Opening an invitation link: set a name, a password and a language, and you are in.
struct InvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.invitation, use: show)
        routes.post(SiteURL.invitation, use: accept)
    }

    struct AcceptForm: Content {
        var display_name: String?
        var password: String?
        var password_confirmation: String?
        var language: String?
    }

    @Sendable func show(req: Request) async throws -> Response {
        let token = req.parameters.get(.token) ?? ""
        let ctx = try await req.pageContext()
        guard let invitation = try await InvitationActions.find(token: token, on: req.db) else {
            return InvitationView.unusable(ctx, state: nil)
        }
        let state = invitation.state(at: req.now)
        guard state == .open else { return InvitationView.unusable(ctx, state: state) }
        return InvitationView.accept(ctx, token: token, invitation: invitation, form: AcceptForm(language: ctx.localiser.language), errors: [:])
    }

    @Sendable func accept(req: Request) async throws -> Response {
        let token = req.parameters.get(.token) ?? ""
        guard let invitation = try await InvitationActions.find(token: token, on: req.db) else {
            return InvitationView.unusable(try await req.pageContext(), state: nil)
        }
        let form = try req.content.decode(AcceptForm.self)
        do {
            let person = try await InvitationActions.accept(invitation, .init(
                displayName: form.display_name, password: form.password,
                passwordConfirmation: form.password_confirmation, language: form.language), ctx: ActionContext(req))
            let response = req.seeOther(SiteURL.home.path, flash: "flash.welcome")
            try await SessionIssuer.start(req, person: person, stage: .full, response: response)
            try await AuditLog.record(.signIn, person: person, detail: "invitation", req: req)
            return response
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            if let problem = failure.problems.first(where: { $0.field == "invitation" }) {
                return InvitationView.unusable(ctx, state: invitation.state(at: req.now), message: problem.message(ctx.localiser))
            }
            return InvitationView.accept(ctx, token: token, invitation: invitation, form: form,
                                         errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }
}

enum InvitationView {
    static func accept(_ ctx: PageContext, token: String, invitation: Invitation, form: InvitationController.AcceptForm,
                       errors: [String: String], status: HTTPStatus = .ok) -> Response {
        let intro: String
        if let org = invitation.organisation {
            intro = ctx.t("invitation.intro-organisation", ["organisation": org.name, "role": ctx.t("role.\(invitation.organisationRole?.rawValue ?? "staff")")])
        } else if invitation.makesOperator {
            intro = ctx.t("invitation.intro-operator")
        } else {
            intro = ctx.t("invitation.intro-expert")
        }
        return Layout.page(ctx, title: ctx.t("invitation.title"), status: status, content: [
            .p(.text(intro)),
            .p(.text(ctx.t("invitation.for", ["email": invitation.email]))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.invitation(token).path),
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

    static func unusable(_ ctx: PageContext, state: Invitation.State?, message: String? = nil) -> Response {
        let key = state.map { "error.invitation-\($0.rawValue)" } ?? "error.invitation-unknown"
        return Layout.page(ctx, title: ctx.t("invitation.unusable.title"), status: state == nil ? .notFound : .gone, content: [
            .p(.text(message ?? ctx.t(key))),
            .p(.text(ctx.t("invitation.unusable.next"))),
        ])
    }
}
