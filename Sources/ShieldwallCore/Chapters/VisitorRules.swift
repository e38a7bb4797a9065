import Foundation

/// What the instance keeps about visitors who register for a chapter's public events, and how often one address may
/// register: visitors have no account, so their name and e-mail go 30 days after the event unless they asked to hear
/// of future events.
public enum VisitorRules {
    public static let retentionDays = 30
    /// An unconfirmed registration holds nothing for longer than this.
    public static let confirmWithinHours = 48
    /// A day before the event, confirmed visitors with a seat get a reminder.
    public static let remindAhead: TimeInterval = 86_400

    /// Registrations from one network address in an hour, over all events.
    public static let perAddressPerHour = 5
    /// Registrations for one event from one network address in a day.
    public static let perEventPerAddressPerDay = 3

    /// When a visitor's name and e-mail on a registration are removed.
    public static func eraseAt(eventEnd: Date) -> Date { eventEnd.addingTimeInterval(Double(retentionDays) * 86_400) }

    public static func shouldErase(eventEnd: Date, now: Date) -> Bool { now >= eraseAt(eventEnd: eventEnd) }

    public static func unconfirmedExpired(registeredAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(registeredAt) > Double(confirmWithinHours) * 3600
    }

    public enum Limit: String, Sendable, Equatable { case address, event }

    /// `fromAddress`: when this address registered (any event, last hour or more); `forEvent`: when it registered for
    /// this event. Nil when one more is allowed.
    public static func exceeded(fromAddress: [Date], forEvent: [Date], now: Date) -> Limit? {
        if fromAddress.filter({ now.timeIntervalSince($0) < 3600 }).count >= perAddressPerHour { return .address }
        if forEvent.filter({ now.timeIntervalSince($0) < 86_400 }).count >= perEventPerAddressPerDay { return .event }
        return nil
    }
}
