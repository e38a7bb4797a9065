import Fluent
import Foundation
import ShieldwallCore

/// Something else a notification digest tells a person about (their firm's overdue plan actions): answered
/// through an adapter in `App/Wiring/`, wired by App (`DomainLinks`).
protocol DigestSection: Sendable {
    func items(for person: Person, localiser: Localiser, now: Date, on db: any Database) async throws -> [NotificationFeed.Item]
}
