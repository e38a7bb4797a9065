import Foundation

/// The same alert again and again (a scanner hitting every port, a tool resending) is one alert with a count: alerts
/// with the same source, kind, host, addresses and summary fold together while each comes within `window` of the
/// last one folded.
public enum AlertFolding {
    public static let window: TimeInterval = 10 * 60

    /// What makes two alerts the same.
    public struct Key: Hashable, Sendable {
        public let source: String
        public let kind: IngestAlert.Kind
        public let host: String
        public let addresses: [String]
        public let summary: String

        public init(_ a: IngestAlert) {
            source = a.source
            kind = a.kind
            host = a.host
            addresses = a.addresses.sorted()
            summary = a.summary
        }
    }

    /// An alert standing for `count` alike ones seen from `first` to `last` (the worst severity among them).
    public struct Folded: Sendable, Equatable {
        public var alert: IngestAlert
        public var count: Int
        public var first: Date
        public var last: Date

        public init(alert: IngestAlert, count: Int, first: Date, last: Date) {
            self.alert = alert
            self.count = count
            self.first = first
            self.last = last
        }
    }

    /// `alerts` folded, oldest first.
    public static func fold(_ alerts: [IngestAlert], window: TimeInterval = window) -> [Folded] {
        var out: [Folded] = []
        var open: [Key: Int] = [:]
        for alert in alerts.sorted(by: { $0.time < $1.time }) {
            let key = Key(alert)
            if let index = open[key], alert.time.timeIntervalSince(out[index].last) <= window {
                out[index].count += 1
                out[index].last = alert.time
                out[index].alert.severity = max(out[index].alert.severity, alert.severity)
            } else {
                open[key] = out.count
                out.append(Folded(alert: alert, count: 1, first: alert.time, last: alert.time))
            }
        }
        return out
    }

    /// Whether `alert` folds into one stored as `stored`, last seen at `last`.
    public static func joins(_ alert: IngestAlert, stored: Key, last: Date, window: TimeInterval = window) -> Bool {
        Key(alert) == stored && alert.time >= last.addingTimeInterval(-window) && alert.time.timeIntervalSince(last) <= window
    }
}
