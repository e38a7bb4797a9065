import Fluent
import Foundation
import Vapor

/// Personal API tokens: list, create (shown once), revoke.
extension AccountController {
    struct TokenForm: Content {
        var name: String?
        var current_password: String?
    }

    struct TokenRow: Sendable {
        let id: UUID
        let name: String
        let prefix: String
        let createdAt: Date
        let lastUsedAt: Date?
        let revokedAt: Date?
    }

    static func tokenRows(_ personID: UUID, _ req: Request) async throws -> [TokenRow] {
        try await APIToken.query(on: req.db).filter(\.$person.$id == personID).sort(\.$createdAt, .descending).all()
            .map { TokenRow(id: try $0.requireID(), name: $0.name, prefix: $0.visiblePrefix, createdAt: $0.createdAt,
                            lastUsedAt: $0.lastUsedAt, revokedAt: $0.revokedAt) }
    }

    @Sendable func showTokens(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return AccountView.tokens(try await req.pageContext(), rows: try await Self.tokenRows(person.personID, req),
                                  created: nil, name: "", errors: [:])
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        let signedIn = try req.requirePerson()
        let form = try req.content.decode(TokenForm.self)
        let person = try await Self.loadPerson(signedIn, req)
        do {
            try await Self.checkCurrentPassword(form.current_password, person: person, req: req)
            let created = try await APITokenActions.create(for: signedIn.personID, name: form.name, ctx: ActionContext(req))
            return AccountView.tokens(try await req.pageContext(), rows: try await Self.tokenRows(signedIn.personID, req),
                                      created: created, name: "", errors: [:])
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return AccountView.tokens(ctx, rows: try await Self.tokenRows(signedIn.personID, req), created: nil,
                                      name: form.name ?? "", errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
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
