import Foundation

/// A community's engagement rhythm: a kind of event every so many months, at the same local time.
public struct Recurrence: Sendable, Equatable {
    public var everyMonths: Int
    public var count: Int

    public init(everyMonths: Int, count: Int) {
        self.everyMonths = everyMonths
        self.count = count
    }

    /// The start of each occurrence, keeping the wall-clock time in `timeZone` across daylight saving.
    /// A day that does not exist in a month (the 31st) moves to that month's last day.
    public func occurrences(from first: Date, in timeZone: TimeZone) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return (0..<max(0, count)).compactMap { index in
            calendar.date(byAdding: .month, value: index * everyMonths, to: first)
        }
    }
}
