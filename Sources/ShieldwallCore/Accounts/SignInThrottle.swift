import Foundation

/// The limits on failed sign-in attempts, and the decision whether one more may be tried.
///
/// Counting happens in the database (so several servers share it); this type only decides, from
/// the counts, whether to refuse and for how long.
public struct SignInThrottle: Sendable {
    public struct Limit: Sendable, Equatable {
        public var attempts: Int
        public var window: TimeInterval
        public init(attempts: Int, window: TimeInterval) {
            self.attempts = attempts
            self.window = window
        }
    }

    public var perAddressPerMinute = Limit(attempts: 6, window: 60)
    public var perAddressPerHour = Limit(attempts: 30, window: 3600)
    public var perAccountPerHour = Limit(attempts: 100, window: 3600)

    public init() {}

    /// The longest window any limit looks back over: older failures can be forgotten.
    public var longestWindow: TimeInterval {
        max(perAddressPerMinute.window, perAddressPerHour.window, perAccountPerHour.window)
    }

    public enum Decision: Equatable, Sendable {
        case allow
        /// Refused; `retryAfter` seconds until the oldest counted failure leaves the window.
        case refuse(scope: Scope, retryAfter: Int)
    }

    public enum Scope: String, Sendable { case address, account }

    /// Decides from the times of recent failures from this address and for this account.
    public func decide(addressFailures: [Date], accountFailures: [Date], now: Date) -> Decision {
        let checks: [(Limit, [Date], Scope)] = [
            (perAddressPerMinute, addressFailures, .address),
            (perAddressPerHour, addressFailures, .address),
            (perAccountPerHour, accountFailures, .account),
        ]
        for (limit, failures, scope) in checks {
            let recent = failures.filter { now.timeIntervalSince($0) < limit.window }.sorted()
            if recent.count >= limit.attempts {
                let oldestCounted = recent[recent.count - limit.attempts]
                let wait = Int((limit.window - now.timeIntervalSince(oldestCounted)).rounded(.up))
                return .refuse(scope: scope, retryAfter: max(wait, 1))
            }
        }
        return .allow
    }
}
