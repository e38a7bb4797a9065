import Fluent
import Foundation
import Vapor

/// Personal API tokens: list, create (shown once), revoke.
extension AccountController {
    @Sendable func showTokens(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return AccountView.tokens(try await req.pageContext(), try await TokensPage.build(for: person.personID, on: req.db))
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        let signedIn = try req.requirePerson()
        let form = try req.content.decode(TokenForm.self)
        let person = try await Self.loadPerson(signedIn, req)
        do {
            try await Self.checkCurrentPassword(form.current_password, person: person, req: req)
            let created = try await APITokenActions.create(for: signedIn.personID, name: form.name, ctx: ActionContext(req))
            return AccountView.tokens(try await req.pageContext(), try await TokensPage.build(for: signedIn.personID, created: created, on: req.db))
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let page = try await TokensPage.build(for: signedIn.personID, name: form.name ?? "", errors: failure.messages(ctx.localiser), on: req.db)
            return AccountView.tokens(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard let id = req.parameters.get(.tokenID, as: UUID.self),
              try await APITokenActions.revoke(id, of: person.personID, ctx: ActionContext(req))
        else { throw Abort(.notFound, reason: req.t("error.token-not-found")) }
        return req.seeOther(SiteURL.accountTokens.path, flash: "flash.token-revoked")
    }
}
