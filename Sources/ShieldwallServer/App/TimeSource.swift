import Foundation
import NIOConcurrencyHelpers

/// The current time, behind a protocol so tests can move it (session expiry, TOTP steps, invitations).
public protocol TimeSource: Sendable {
    var now: Date { get }
}

public struct SystemTime: TimeSource {
    public init() {}
    public var now: Date { Date() }
}

/// A clock tests set and advance by hand.
public final class ManualTime: TimeSource, @unchecked Sendable {
    private let lock = NIOLock()
    private var current: Date

    public init(_ start: Date = Date()) { current = start }

    public var now: Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
