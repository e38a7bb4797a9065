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

    @Sendable func show(req: Request) async throws -> Response {
        let token = req.parameters.get(.token) ?? ""
        let ctx = try await req.pageContext()
        guard let invitation = try await InvitationActions.find(token: token, on: req.db) else {
            return InvitationView.unusable(ctx, InvitationUnusablePage(state: nil, message: nil))
        }
        let state = invitation.state(at: req.now)
        guard state == .open else { return InvitationView.unusable(ctx, InvitationUnusablePage(state: state, message: nil)) }
        return InvitationView.accept(ctx, InvitationPage(invitation, token: token, form: InvitationAcceptForm(language: ctx.localiser.language)))
    }

    @Sendable func accept(req: Request) async throws -> Response {
        let token = req.parameters.get(.token) ?? ""
        guard let invitation = try await InvitationActions.find(token: token, on: req.db) else {
            return InvitationView.unusable(try await req.pageContext(), InvitationUnusablePage(state: nil, message: nil))
        }
        let form = try req.content.decode(InvitationAcceptForm.self)
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
                return InvitationView.unusable(ctx, InvitationUnusablePage(state: invitation.state(at: req.now), message: problem.message(ctx.localiser)))
            }
            return InvitationView.accept(ctx, InvitationPage(invitation, token: token, form: form, errors: failure.messages(ctx.localiser)),
                                         status: .unprocessableEntity)
        }
    }
}
