import Foundation

/// Which version of the plan a firm has signed, and what it may sign.
public enum PlanSignOff {
    public enum State: Equatable, Sendable {
        case current
        /// Signed an earlier version: asked again to review the current one.
        case older(version: Int)
        case never
    }

    public static func state(signed: Int?, current: Int) -> State {
        guard let signed else { return .never }
        return signed >= current ? .current : .older(version: signed)
    }

    public enum Problem: Error, Equatable, Sendable {
        /// A draft is not the plan yet: only a published version is signed.
        case notPublished
        /// Only the current version is signed; an older one was replaced.
        case notCurrent(current: Int)
        case alreadySigned
    }

    /// Why a firm may not sign `version`, or nil when it may.
    public static func problem(signing version: Int, published: Bool, current: Int?, signedByFirm: Int?) -> Problem? {
        guard published, let current else { return .notPublished }
        guard version == current else { return .notCurrent(current: current) }
        if let signedByFirm, signedByFirm >= version { return .alreadySigned }
        return nil
    }
}

/// How one measure of the community's plan applies to one firm.
public enum MeasureAdoption: Equatable, Sendable {
    case adopted
    /// The firm does it its own way, said in the note.
    case adapted(note: String)
    case notApplicable(reason: String)

    public static let maxNote = 1_000

    public var status: String {
        switch self {
        case .adopted: "adopted"
        case .adapted: "adapted"
        case .notApplicable: "not-applicable"
        }
    }

    public var note: String {
        switch self {
        case .adopted: ""
        case .adapted(let note), .notApplicable(let note): note
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case unknownStatus
        /// Adapted without saying how.
        case noteRequired
        /// Not applicable without saying why.
        case reasonRequired
        case tooLong(max: Int)
    }

    /// Reads a firm's choice as sent by a form or the API.
    public static func read(status: String?, note rawNote: String?) -> Result<MeasureAdoption, Problem> {
        let note = (rawNote ?? "").trimmingWhitespace()
        guard note.count <= maxNote else { return .failure(.tooLong(max: maxNote)) }
        switch status {
        case "adopted": return .success(.adopted)
        case "adapted": return note.isEmpty ? .failure(.noteRequired) : .success(.adapted(note: note))
        case "not-applicable": return note.isEmpty ? .failure(.reasonRequired) : .success(.notApplicable(reason: note))
        default: return .failure(.unknownStatus)
        }
    }
}

/// When the plan is next reviewed and when people are reminded of it ("evaluate, adapt, evolve").
public enum PlanReviewSchedule {
    public static let defaultMonths = 3
    public static let months = 1...12
    /// The first reminder goes this many days before the review.
    public static let noticeDays = 14

    /// The calendar day `months` after `day` (`yyyy-MM-dd`); the 31st becomes the month's last day.
    public static func nextReview(after day: String, months: Int) -> String? {
        guard let date = CalendarDay.date(day),
              let next = CalendarDay.calendar.date(byAdding: .month, value: months, to: date) else { return nil }
        return CalendarDay.string(next)
    }

    public enum Reminder: Int, Comparable, Sendable {
        /// The review is within `noticeDays`.
        case soon = 1
        /// The review day has come and no review was recorded.
        case due = 2

        public static func < (a: Reminder, b: Reminder) -> Bool { a.rawValue < b.rawValue }
    }

    /// The reminder to send today, if one is owed that was not sent yet for this review date.
    public static func reminder(today: String, reviewOn: String, sent: Reminder?) -> Reminder? {
        guard let todayDate = CalendarDay.date(today), let reviewDate = CalendarDay.date(reviewOn) else { return nil }
        let days = CalendarDay.calendar.dateComponents([.day], from: todayDate, to: reviewDate).day ?? 0
        let owed: Reminder? = days <= 0 ? .due : (days <= noticeDays ? .soon : nil)
        guard let owed, sent.map({ $0 < owed }) ?? true else { return nil }
        return owed
    }
}

/// Calendar days as `yyyy-MM-dd`, in UTC, the form due dates and review dates are kept in.
public enum CalendarDay {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? .current
        return c
    }()

    public static func string(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The day's midnight (UTC), or nil when the text is not a real calendar day.
    public static func date(_ day: String) -> Date? {
        let parts = day.split(separator: "-")
        guard day.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = calendar.date(from: DateComponents(year: y, month: m, day: d)), string(date) == day else { return nil }
        return date
    }
}
