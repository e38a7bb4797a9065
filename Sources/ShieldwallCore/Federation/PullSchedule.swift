import Foundation

/// When a peer is pulled next: on its interval while it answers; after a failure, the interval doubled for each
/// failure in a row (at most a day), or when the peer said to come back (`Retry-After`), whichever is later.
public enum PullSchedule {
    public static let longestWait: TimeInterval = 86_400

    public static func next(after now: Date, intervalMinutes: Int, failures: Int, retryAfter: TimeInterval? = nil) -> Date {
        let interval = TimeInterval(max(intervalMinutes, 1) * 60)
        var wait = interval
        if failures > 0 { wait = min(interval * pow(2, Double(min(failures, 16))), longestWait) }
        if let retryAfter { wait = max(wait, min(max(retryAfter, 0), longestWait)) }
        return now.addingTimeInterval(wait)
    }

    /// `Retry-After` as seconds (RFC 9110: a number of seconds or an HTTP date); nil when absent or unreadable.
    public static func retryAfter(_ header: String?, now: Date) -> TimeInterval? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Int(text), seconds >= 0 { return TimeInterval(seconds) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: text).map { max($0.timeIntervalSince(now), 0) }
    }
}
