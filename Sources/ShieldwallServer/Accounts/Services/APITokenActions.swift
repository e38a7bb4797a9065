import Fluent
import Foundation
import ShieldwallCore
import Vapor

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

    /// The person behind a bearer token, if it is a live one; records its use (at most once a minute).
    /// From the access cache while nothing that decides access has changed.
    static func signedIn(_ token: String, _ req: Request) async throws -> SignedIn? {
        guard token.hasPrefix(SecretToken.apiPrefix), token.count < 200 else { return nil }
        let digest = SecretToken.digest(of: token), version = try await req.dataVersions().access
        let cache = req.application.accessCache.apiTokens
        if let holder = cache.get(digest, stamp: version, now: req.now) {
            if holder.lastUsed.map({ req.now.timeIntervalSince($0) > 60 }) ?? true {
                try await noteUse(holder.tokenID, now: req.now, on: req.db)
                cache.store(.init(signedIn: holder.signedIn, tokenID: holder.tokenID, lastUsed: req.now), for: digest, stamp: version, now: req.now)
            }
            return holder.signedIn
        }
        guard let row = try await APIToken.query(on: req.db).filter(\.$tokenDigest == digest)
            .filter(\.$revokedAt == nil).with(\.$person, { $0.with(\.$organisation) }).first(),
            row.person.deactivatedAt == nil
        else { return nil }
        let id = try row.requireID()
        if row.lastUsedAt.map({ req.now.timeIntervalSince($0) > 60 }) ?? true { try await noteUse(id, now: req.now, on: req.db) }
        let signedIn = try SignedIn(person: row.person, organisation: row.person.organisation, sessionID: nil, stage: .full)
        cache.store(.init(signedIn: signedIn, tokenID: id, lastUsed: req.now), for: digest, stamp: version, now: req.now)
        return signedIn
    }

    /// Noting use does not change access, so it is written without the model (and its access-version bump).
    private static func noteUse(_ tokenID: UUID, now: Date, on db: any Database) async throws {
        try await APIToken.query(on: db).filter(\.$id == tokenID).set(\.$lastUsedAt, to: now).update()
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
