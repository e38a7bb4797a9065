import Fluent
import Foundation
import ShieldwallCore

/// Personal API tokens: created (shown once), looked up by digest, revoked.
enum APITokenActions {
    struct Created: Sendable {
        let id: UUID
        let name: String
        let token: String
    }

    static func create(for personID: UUID, name rawName: String?, ctx: ActionContext) async throws -> Created {
        var problems = ProblemList()
        let name = problems.text("name", rawName, maxLength: 80)
        try problems.throwIfAny()
        guard let person = try await Person.find(personID, on: ctx.db) else {
            throw ValidationFailure(field: "email", key: "error.unknown-person")
        }
        let token = SecretToken.generate(prefix: SecretToken.apiPrefix)
        let row = APIToken(personID: personID, name: name, tokenDigest: token.digest,
                           visiblePrefix: String(token.value.prefix(10)), createdAt: ctx.now)
        try await ctx.db.transaction { tx in
            try await row.create(on: tx)
            try await AuditLog.record(.tokenCreated, personID: personID, email: person.email, organisationID: person.$organisation.id,
                                      detail: name, address: ctx.address, at: ctx.now, on: tx)
        }
        return Created(id: try row.requireID(), name: name, token: token.value)
    }

    /// The person behind a bearer token, if it is a live one; records its use.
    static func authenticate(_ token: String, db: any Database, now: Date) async throws -> (APIToken, Person)? {
        guard token.hasPrefix(SecretToken.apiPrefix), token.count < 200 else { return nil }
        guard let row = try await APIToken.query(on: db).filter(\.$tokenDigest == SecretToken.digest(of: token))
            .filter(\.$revokedAt == nil).with(\.$person, { $0.with(\.$organisation) }).first()
        else { return nil }
        guard row.person.deactivatedAt == nil else { return nil }
        if row.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            row.lastUsedAt = now
            try await row.update(on: db)
        }
        return (row, row.person)
    }

    static func revoke(_ tokenID: UUID, of personID: UUID, ctx: ActionContext) async throws -> Bool {
        guard let row = try await APIToken.query(on: ctx.db).filter(\.$id == tokenID).filter(\.$person.$id == personID)
            .filter(\.$revokedAt == nil).with(\.$person).first()
        else { return false }
        row.revokedAt = ctx.now
        try await ctx.db.transaction { tx in
            try await row.update(on: tx)
            try await AuditLog.record(.tokenRevoked, personID: personID, email: row.person.email,
                                      organisationID: row.person.$organisation.id, detail: row.name,
                                      address: ctx.address, at: ctx.now, on: tx)
        }
        return true
    }
}
