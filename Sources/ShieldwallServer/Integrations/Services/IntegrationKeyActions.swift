import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's integration keys: created by its admin (shown once), found by digest when a tool sends, revoked; the
/// firm's security log records both.
enum IntegrationKeyActions {
    static let prefix = "swi_"

    struct Created: Sendable {
        let key: IntegrationKey
        /// Shown once.
        let token: String
    }

    static func create(firm: UUID, name raw: String?, scopes rawScopes: [String], by person: SignedIn, ctx: ActionContext) async throws -> Created {
        guard IntegrationAccess.canManageKeys(firm: firm.uuidString, viewer: person.viewer) else { throw Refusal(.forbidden, "integrations.error.admin") }
        var problems = ProblemList()
        let name = problems.text("name", raw, maxLength: 80)
        let scopes = rawScopes.compactMap(IntegrationAccess.Scope.init(rawValue:))
        if scopes.isEmpty || scopes.count != rawScopes.count { problems.add("scopes", "error.choose-one") }
        try problems.throwIfAny()
        let token = SecretToken.generate(prefix: prefix)
        let key = IntegrationKey()
        key.$organisation.id = firm
        key.name = name
        key.tokenDigest = token.digest
        key.visiblePrefix = String(token.value.prefix(10))
        key.scopesText = "," + IntegrationAccess.Scope.allCases.filter(scopes.contains).map(\.rawValue).joined(separator: ",") + ","
        key.$createdBy.id = person.personID
        key.createdAt = ctx.now
        try await ctx.db.transaction { tx in
            try await key.create(on: tx)
            try await AuditLog.record(.tokenCreated, personID: person.personID, email: person.email, organisationID: firm,
                                      detail: "integration key: \(name)", address: ctx.address, at: ctx.now, on: tx)
        }
        return Created(key: key, token: token.value)
    }

    static func revoke(_ key: IntegrationKey, by person: SignedIn, ctx: ActionContext) async throws {
        guard IntegrationAccess.canManageKeys(firm: key.$organisation.id.uuidString, viewer: person.viewer) else {
            throw Refusal(.forbidden, "integrations.error.admin")
        }
        guard key.revokedAt == nil else { return }
        try await ctx.db.transaction { tx in
            key.revokedAt = ctx.now
            try await key.update(on: tx)
            try await AuditLog.record(.tokenRevoked, personID: person.personID, email: person.email, organisationID: key.$organisation.id,
                                      detail: "integration key: \(key.name)", address: ctx.address, at: ctx.now, on: tx)
        }
    }

    /// The live key a tool sent (`Authorization: Bearer swi_…`, or `X-Api-Key` as CrowdSec's bouncers send it), and
    /// that it may send `scope`: 401 for no key or an unknown or revoked one, 403 for a key without the scope.
    static func authorise(_ req: Request, for scope: IntegrationAccess.Scope) async throws -> IntegrationKey {
        let token = req.headers.bearerAuthorization?.token ?? req.headers.first(name: "X-Api-Key") ?? ""
        let challenge: HTTPHeaders = ["WWW-Authenticate": "Bearer realm=\"shieldwall-integrations\""]
        guard token.hasPrefix(prefix), token.count < 200,
              let key = try await IntegrationKey.query(on: req.db).filter(\.$tokenDigest == SecretToken.digest(of: token)).first(),
              key.revokedAt == nil
        else { throw Refusal(.unauthorized, "integrations.error.key", headers: challenge) }
        guard IntegrationAccess.keyAllows(scope, scopes: key.scopes, revoked: false) else {
            throw Refusal(.forbidden, "integrations.error.scope", ["scope": scope.rawValue])
        }
        if key.lastUsedAt.map({ req.now.timeIntervalSince($0) > 60 }) ?? true {
            try await IntegrationKey.query(on: req.db).filter(\.$id == key.requireID()).set(\.$lastUsedAt, to: req.now).update()
        }
        return key
    }
}
