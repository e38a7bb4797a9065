import Fluent
import Foundation
import ShieldwallCore

/// An organisation's admin managing its people: changing a role, and deactivating a leaver (signed
/// out everywhere, tokens revoked, cannot sign in; kept so the security log still names them).
enum PeopleActions {
    static func admins(of organisationID: UUID, on db: any Database) async throws -> Int {
        try await Person.query(on: db).filter(\.$organisation.$id == organisationID)
            .filter(\.$organisationRole == Viewer.OrganisationRole.admin).filter(\.$deactivatedAt == nil).count()
    }

    static func target(_ personID: UUID, in organisationID: UUID, on db: any Database) async throws -> Person {
        guard let person = try await Person.query(on: db).filter(\.$id == personID)
            .filter(\.$organisation.$id == organisationID).first()
        else { throw ValidationFailure(field: "person", key: "error.unknown-person") }
        return person
    }

    static func changeRole(_ personID: UUID, in organisationID: UUID, to role: Viewer.OrganisationRole, by actor: SignedIn,
                           ctx: ActionContext) async throws {
        let person = try await target(personID, in: organisationID, on: ctx.db)
        guard person.deactivatedAt == nil else { throw ValidationFailure(field: "person", key: "error.person-deactivated") }
        if person.organisationRole == .admin, role == .staff,
           try await admins(of: organisationID, on: ctx.db) <= 1 {
            throw ValidationFailure(field: "role", key: "error.last-admin")
        }
        person.organisationRole = role
        try await ctx.db.transaction { tx in
            try await person.update(on: tx)
            try await AuditLog.record(.roleChanged, personID: actor.personID, email: person.email, organisationID: organisationID,
                                      detail: role.rawValue, address: ctx.address, at: ctx.now, on: tx)
        }
    }

    static func deactivate(_ personID: UUID, in organisationID: UUID, by actor: SignedIn, ctx: ActionContext) async throws {
        guard personID != actor.personID else { throw ValidationFailure(field: "person", key: "error.deactivate-self") }
        let person = try await target(personID, in: organisationID, on: ctx.db)
        guard person.deactivatedAt == nil else { throw ValidationFailure(field: "person", key: "error.person-deactivated") }
        if person.organisationRole == .admin, try await admins(of: organisationID, on: ctx.db) <= 1 {
            throw ValidationFailure(field: "person", key: "error.last-admin")
        }
        person.deactivatedAt = ctx.now
        try await ctx.db.transaction { tx in
            try await person.update(on: tx)
            try await WebSession.query(on: tx).filter(\.$person.$id == personID).delete()
            try await APIToken.query(on: tx).filter(\.$person.$id == personID).filter(\.$revokedAt == nil)
                .set(\.$revokedAt, to: ctx.now).update()
            try await FeedToken.query(on: tx).filter(\.$person.$id == personID).delete()
            try await AuditLog.record(.personDeactivated, personID: actor.personID, email: person.email, organisationID: organisationID,
                                      address: ctx.address, at: ctx.now, on: tx)
        }
    }
}
