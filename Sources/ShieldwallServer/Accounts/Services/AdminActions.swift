import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What operators do from scripts (`shieldwall admin …`): create an operator, reset a password,
/// mint an API token. Each checks its input like the pages do and writes an audit entry.
public enum AdminActions {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A password people can read and type, long enough for the policy: five groups of four letters.
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<5).map { _ in String((0..<4).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }) }
            .joined(separator: "-")
    }

    static func explain(_ failure: ValidationFailure, _ ctx: ActionContext) -> Failure {
        let english = ctx.services.catalogues.localiser(for: CatalogueSet.baseLanguage)
        return Failure(description: failure.problems.map { "\($0.field): \($0.message(english))" }.joined(separator: "\n"))
    }

    public static func createOperator(email rawEmail: String, name: String, password: String, app: Application) async throws {
        let ctx = ActionContext(app)
        do {
            let email: EmailAddress
            do { email = try EmailAddress(rawEmail) } catch { throw ValidationFailure(field: "email", key: "error.email") }
            var problems = ProblemList()
            let displayName = problems.text("name", name, maxLength: 100)
            try problems.throwIfAny()
            if try await Person.query(on: ctx.db).filter(\.$email == email.normalised).first() != nil {
                throw ValidationFailure(field: "email", key: "error.email-taken")
            }
            let hash = try await Passwords.validatedHash(password, personalDetails: [email.normalised, displayName], ctx: ctx)
            try await ctx.db.transaction { tx in
                let person = Person(email: email.normalised, displayName: displayName, passwordHash: hash, organisationID: nil,
                                    organisationRole: nil, language: CatalogueSet.baseLanguage, isOperator: true, createdAt: ctx.now)
                try await person.create(on: tx)
                try await AuditLog.record(.operatorCreated, personID: person.id, email: person.email, organisationID: nil,
                                          address: ctx.address, at: ctx.now, on: tx)
            }
        } catch let failure as ValidationFailure {
            throw explain(failure, ctx)
        }
    }

    /// Sets a new password and ends every session of that person.
    public static func resetPassword(email: String, password: String, app: Application) async throws {
        let ctx = ActionContext(app)
        guard let person = try await Person.query(on: ctx.db).filter(\.$email == email.lowercased().trimmingWhitespace()).first() else {
            throw Failure(description: "email: nobody has the address \(email)")
        }
        do {
            let hash = try await Passwords.validatedHash(password, personalDetails: [person.email, person.displayName], ctx: ctx)
            person.passwordHash = hash
            try await ctx.db.transaction { tx in
                try await person.update(on: tx)
                try await WebSession.query(on: tx).filter(\.$person.$id == person.requireID()).delete()
                try await AuditLog.record(.passwordReset, personID: person.id, email: person.email,
                                          organisationID: person.$organisation.id, address: ctx.address, at: ctx.now, on: tx)
            }
        } catch let failure as ValidationFailure {
            throw explain(failure, ctx)
        }
    }

    public static func createToken(email: String, name: String, app: Application) async throws -> String {
        let ctx = ActionContext(app)
        guard let person = try await Person.query(on: ctx.db).filter(\.$email == email.lowercased().trimmingWhitespace()).first() else {
            throw Failure(description: "email: nobody has the address \(email)")
        }
        do {
            return try await APITokenActions.create(for: person.requireID(), name: name, ctx: ctx).token
        } catch let failure as ValidationFailure {
            throw explain(failure, ctx)
        }
    }
}
