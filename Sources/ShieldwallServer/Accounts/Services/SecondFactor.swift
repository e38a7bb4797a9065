import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// TOTP and recovery codes: checking them and making sure each is used at most once.
enum SecondFactor {
    static let recoveryCodeCount = 10

    /// Checks a TOTP code against the person's confirmed secret and records its time step, so the
    /// same code (or an older one) is refused afterwards.
    static func verifyAndConsume(_ code: String, person: Person, req: Request) async throws -> Bool {
        guard let secretText = person.totpSecret, let secret = Base32.decode(secretText) else { return false }
        guard let step = TOTP(secret: secret).verify(code, at: req.now, lastUsedStep: person.totpLastStep) else { return false }
        return try await consume(step: step, person: person, db: req.db)
    }

    /// Stores the step only if no later one was stored meanwhile (a concurrent request with the same code).
    static func consume(step: Int64, person: Person, db: any Database) async throws -> Bool {
        let personID = try person.requireID()
        return try await db.transaction { tx in
            guard let fresh = try await Person.find(personID, on: tx) else { return false }
            if let last = fresh.totpLastStep, last >= step { return false }
            fresh.totpLastStep = step
            try await fresh.update(on: tx)
            person.totpLastStep = step
            return true
        }
    }

    static func useRecoveryCode(_ code: String, person: Person, req: Request) async throws -> Bool {
        let cleaned = code.lowercased().filter { !$0.isWhitespace }
        let normalised = cleaned.contains("-") ? cleaned : String(cleaned.prefix(5)) + "-" + String(cleaned.dropFirst(5))
        guard let row = try await RecoveryCode.query(on: req.db)
            .filter(\.$person.$id == person.requireID())
            .filter(\.$codeDigest == SecretToken.digest(of: normalised))
            .filter(\.$usedAt == nil).first()
        else { return false }
        row.usedAt = req.now
        try await row.update(on: req.db)
        try await AuditLog.record(.recoveryCodeUsed, person: person, req: req)
        return true
    }

    /// Replaces all recovery codes with ten new ones and returns them (shown once).
    static func newRecoveryCodes(for personID: UUID, on db: any Database) async throws -> [String] {
        let codes = (0..<recoveryCodeCount).map { _ in SecretToken.recoveryCode() }
        try await db.transaction { tx in
            try await RecoveryCode.query(on: tx).filter(\.$person.$id == personID).delete()
            for code in codes {
                try await RecoveryCode(personID: personID, codeDigest: code.digest).create(on: tx)
            }
        }
        return codes.map(\.value)
    }

    static func remainingRecoveryCodes(for personID: UUID, on db: any Database) async throws -> Int {
        try await RecoveryCode.query(on: db).filter(\.$person.$id == personID).filter(\.$usedAt == nil).count()
    }
}
