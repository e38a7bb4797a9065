import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Counts failed sign-ins in the database and applies `SignInThrottle`, so the limits hold across
/// every server process.
enum SignInGuard {
    /// Refuses with 429 and a plain message when this address or account has failed too often.
    static func check(_ req: Request, email: String) async throws {
        let throttle = req.shieldwall.throttle
        let since = req.now.addingTimeInterval(-throttle.longestWindow)
        let byAddress = try await SignInFailure.query(on: req.db)
            .filter(\.$address == req.clientAddress).filter(\.$at > since).values(\.$at)
        let byAccount = try await SignInFailure.query(on: req.db)
            .filter(\.$email == email).filter(\.$at > since).values(\.$at)
        switch throttle.decide(addressFailures: byAddress, accountFailures: byAccount, now: req.now) {
        case .allow:
            return
        case .refuse(let scope, let retryAfter):
            try await AuditLog.record(.signInThrottled, personID: nil, email: email, organisationID: nil,
                                      detail: scope.rawValue, address: req.clientAddress, at: req.now, on: req.db)
            throw SignInThrottled(scope: scope, retryAfter: retryAfter)
        }
    }

    static func recordFailure(_ req: Request, email: String, person: Person?, detail: String) async throws {
        try await SignInFailure(address: req.clientAddress, email: email, at: req.now).create(on: req.db)
        try await AuditLog.record(.signInFailed, personID: person?.id, email: email, organisationID: person?.$organisation.id,
                                  detail: detail, address: req.clientAddress, at: req.now, on: req.db)
        // Forget what no limit looks at any more.
        let cutoff = req.now.addingTimeInterval(-req.shieldwall.throttle.longestWindow)
        try await SignInFailure.query(on: req.db).filter(\.$at < cutoff).delete()
    }
}

struct SignInThrottled: AbortError {
    let scope: SignInThrottle.Scope
    let retryAfter: Int
    var status: HTTPResponseStatus { .tooManyRequests }
    var headers: HTTPHeaders { ["Retry-After": String(retryAfter)] }
    var minutes: Int { max(1, (retryAfter + 59) / 60) }
    var reason: String {
        "Too many failed sign-in attempts from \(scope == .address ? "your address" : "this account"). Try again in \(minutes) minute(s)."
    }
}
