import Foundation

/// Where one person stands with one assigned course.
public enum TrainingStatus: String, Codable, Sendable, CaseIterable {
    case done, due, overdue
}

/// When training is due, what counts as done, and what a date typed for it may be.
public enum TrainingRules {
    /// Someone who joins after a firm-wide assignment was made gets at least this long.
    public static let newStaffDays = 30
    /// A completion counts for an assignment made up to this long after it (a refresher is due after a year).
    public static let validDays = 365
    /// A due date may be set at most this far ahead.
    public static let furthestDueDays = 730

    /// The day a person must have done it by: the assignment's day, or for a firm-wide one made before they joined,
    /// `newStaffDays` after they joined if that is later.
    public static func dueDay(assignmentDue: String, assignedOn: String, joinedOn: String?, everyone: Bool) -> String {
        guard everyone, let joinedOn, joinedOn > assignedOn, let joined = CalendarDay.date(joinedOn) else { return assignmentDue }
        let grace = CalendarDay.string(joined.addingTimeInterval(Double(newStaffDays) * 86_400))
        return max(assignmentDue, grace)
    }

    /// Whether something done on `completedOn` counts for an assignment made on `assignedOn`.
    public static func counts(completedOn: String, assignedOn: String) -> Bool {
        guard let assigned = CalendarDay.date(assignedOn) else { return false }
        return completedOn >= CalendarDay.string(assigned.addingTimeInterval(-Double(validDays) * 86_400))
    }

    /// The person's status: done (with the latest day that counts), else due until the due day has passed, then overdue.
    public static func status(dueOn: String, assignedOn: String, completions: [String], today: String) -> (status: TrainingStatus, doneOn: String?) {
        if let done = completions.filter({ counts(completedOn: $0, assignedOn: assignedOn) }).max() { return (.done, done) }
        return (today > dueOn ? .overdue : .due, nil)
    }

    public enum DayProblem: String, Sendable, Equatable {
        case notADay = "not-a-day", inThePast = "in-the-past", tooFar = "too-far", inTheFuture = "in-the-future", tooOld = "too-old"
    }

    /// A due day: a real day from today to `furthestDueDays` ahead.
    public static func checkDue(_ day: String, today: String) -> DayProblem? {
        guard let date = CalendarDay.date(day), let now = CalendarDay.date(today) else { return .notADay }
        if day < today { return .inThePast }
        if date.timeIntervalSince(now) > Double(furthestDueDays) * 86_400 { return .tooFar }
        return nil
    }

    /// The day someone says they finished an external course: a real day, not after today, within ten years.
    public static func checkCompletion(_ day: String, today: String) -> DayProblem? {
        guard let date = CalendarDay.date(day), let now = CalendarDay.date(today) else { return .notADay }
        if day > today { return .inTheFuture }
        if now.timeIntervalSince(date) > 3_650 * 86_400 { return .tooOld }
        return nil
    }
}
