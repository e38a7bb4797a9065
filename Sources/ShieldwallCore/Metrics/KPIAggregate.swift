import Foundation

/// A KPI over a community's firms: the median and the middle half (the 25th to 75th percentile), shown only when at
/// least `k` firms have a value — the benchmark's rule, never fewer than 3, so no firm's own value can be read off.
public struct KPIAggregate: Sendable, Equatable {
    public let firms: Int
    public let median: Double
    public let lower: Double
    public let upper: Double

    public static let smallestK = 3

    /// Nil when fewer than `max(k, 3)` firms have a value.
    public static func of(_ values: [Double], k: Int) -> KPIAggregate? {
        let sorted = values.filter(\.isFinite).sorted()
        guard sorted.count >= max(k, smallestK) else { return nil }
        return KPIAggregate(firms: sorted.count, median: percentile(sorted, 0.5), lower: percentile(sorted, 0.25), upper: percentile(sorted, 0.75))
    }

    /// Linear interpolation between closest ranks (the usual spreadsheet PERCENTILE).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let rank = p * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down)), high = Int(rank.rounded(.up))
        let value = sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
        return (value * 10).rounded() / 10
    }
}

/// How each computed KPI is worked out for one firm and one month, from plain facts the server reads. Nil means "no
/// value this month" (nobody was assigned training, no check-in was taken, no action was due).
public enum KPIComputation {
    /// One person's training as it stood: the due days and done days of their assignments.
    public struct PersonTraining: Sendable {
        public let statuses: [TrainingStatus]
        public init(statuses: [TrainingStatus]) { self.statuses = statuses }
    }

    /// Share of people with training assigned who had all of it done.
    public static func trainingDone(_ people: [PersonTraining]) -> Double? {
        let assigned = people.filter { !$0.statuses.isEmpty }
        guard !assigned.isEmpty else { return nil }
        return share(assigned.filter { $0.statuses.allSatisfy { $0 == .done } }.count, of: assigned.count)
    }

    /// The overall score of the latest assessment submitted before `end`.
    public static func assessmentScore(_ submitted: [(at: Date, overall: Int)], before end: Date) -> Double? {
        submitted.filter { $0.at < end }.max { $0.at < $1.at }.map { Double($0.overall) }
    }

    /// Share of right answers over the check-ins taken in the month.
    public static func coachScore(_ results: [(correct: Int, total: Int)]) -> Double? {
        let total = results.reduce(0) { $0 + $1.total }
        guard total > 0 else { return nil }
        return share(results.reduce(0) { $0 + $1.correct }, of: total)
    }

    /// Of the actions due in the month (`dueOn` a day in it), the share done by the end of their due day.
    public static func actionsOnTime(_ actions: [(dueOn: String, doneAt: Date?)]) -> Double? {
        guard !actions.isEmpty else { return nil }
        let onTime = actions.filter { a in
            guard let done = a.doneAt, let due = CalendarDay.date(a.dueOn) else { return false }
            return done < due.addingTimeInterval(86_400)
        }
        return share(onTime.count, of: actions.count)
    }

    /// The median days from each advisory's publication to the firm's action on it being done, for actions done in the month.
    public static func advisoryDays(_ acted: [(published: Date, done: Date)]) -> Double? {
        let days = acted.map { max(0, $0.done.timeIntervalSince($0.published) / 86_400) }.sorted()
        guard !days.isEmpty else { return nil }
        return KPIAggregate.percentile(days, 0.5)
    }

    static func share(_ part: Int, of whole: Int) -> Double {
        (Double(part) / Double(whole) * 1000).rounded() / 10
    }
}

/// A KPI set a facilitator proposes: KPIs with targets, each target in its unit's range, no KPI twice.
public enum KPISetRules {
    public enum Problem: Error, Sendable, Equatable {
        case empty
        case unknown(String)
        case twice(String)
        case target(String)
    }

    public static func check(_ items: [(kpi: String, target: String)], library: KPILibrary) -> Result<[(kpi: String, target: Double)], Problem> {
        guard !items.isEmpty else { return .failure(.empty) }
        var seen = Set<String>()
        var result: [(kpi: String, target: Double)] = []
        for item in items {
            guard let kpi = library.kpi(item.kpi) else { return .failure(.unknown(item.kpi)) }
            guard seen.insert(kpi.id).inserted else { return .failure(.twice(kpi.id)) }
            guard case .success(let target) = kpi.read(item.target) else { return .failure(.target(kpi.id)) }
            result.append((kpi.id, target))
        }
        return .success(result)
    }
}
