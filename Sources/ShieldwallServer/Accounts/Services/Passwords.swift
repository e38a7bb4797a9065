import Foundation
import ShieldwallCore
import Vapor

/// Checks a new password against the policy and hashes it with Bcrypt.
enum Passwords {
    static func problem(_ password: String, personalDetails: [String], policy: PasswordPolicy, field: String = "password") -> FieldProblem? {
        switch policy.check(password, personalDetails: personalDetails) {
        case nil: return nil
        case .tooShort(let minimum): return FieldProblem(field: field, key: "error.password-short", values: ["min": String(minimum)])
        case .tooLong(let maximum): return FieldProblem(field: field, key: "error.password-long", values: ["max": String(maximum)])
        case .common: return FieldProblem(field: field, key: "error.password-common")
        case .containsPersonalDetail: return FieldProblem(field: field, key: "error.password-personal")
        }
    }

    static func validatedHash(_ password: String, personalDetails: [String], ctx: ActionContext, field: String = "password") async throws -> String {
        if let problem = problem(password, personalDetails: personalDetails, policy: ctx.services.passwordPolicy, field: field) {
            throw ValidationFailure([problem])
        }
        return try await ctx.hasher.hash(password)
    }
}
