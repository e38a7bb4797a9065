import Foundation

/// The formats a firm's tools send alerts in. Our own JSON, and the native output of real tools, so a firm points
/// the tool it has at Shieldwall and changes nothing else (issue #28).
public enum AlertFormat: String, Sendable, CaseIterable, Codable {
    /// `{"alerts":[{"source","time","severity","kind","addresses","host","summary"}]}` (docs/integrations.md).
    case shieldwall
    /// CrowdSec's `http` notification plugin with its default `{{.|toJson}}` format: a JSON array of alerts.
    case crowdsec
    /// Wazuh's integration JSON: one alert object, an array of them, or one per line.
    case wazuh
    /// Suricata's EVE JSON, one event per line; only `event_type: alert` events are alerts.
    case suricata
    /// ClamAV's syslog or `clamdscan` lines: `… clamd[12]: /path: Signature FOUND`.
    case clamav
}

/// What a batch of alerts held: the alerts that can be stored, the items that were no alerts (Suricata's flow and
/// stats events, ClamAV's "OK" lines) and, per item, why one could not be read.
public struct AlertBatch: Sendable, Equatable {
    public var alerts: [IngestAlert] = []
    public var skipped = 0
    public var problems: [ItemProblem] = []

    /// One item of the batch (counted from 1: the array's element or the line) and what is wrong with it.
    public struct ItemProblem: Sendable, Equatable {
        public let item: Int
        public let reason: String
    }
}

public enum AlertAdapters {
    /// Alerts per request: more is refused whole (a tool sends again in smaller batches).
    public static let maxBatch = 1_000

    public enum Failure: Error, Equatable, Sendable {
        /// The body is not what the format says: which part, and why.
        case unreadable(String)
        case tooMany(max: Int)
        case empty
    }

    /// Reads `data` in `format`. A body that cannot be read at all, or holds more than `maxBatch` items, is a
    /// failure; an item that cannot be an alert is listed in `problems` with its number (the caller then stores none).
    public static func read(_ data: Data, format: AlertFormat, now: Date) -> Result<AlertBatch, Failure> {
        let items: [Item]
        switch format {
        case .shieldwall:
            guard let body = try? decoder.decode(OwnBody.self, from: data) else { return .failure(.unreadable(jsonProblem(data, expecting: "an object with \"alerts\""))) }
            items = body.alerts.map { $0.value.map { .alert($0.alert) } ?? .problem($0.problem ?? "") }
        case .crowdsec:
            guard let alerts = try? decoder.decode([Failable<CrowdSecAlert>].self, from: data) else {
                return .failure(.unreadable(jsonProblem(data, expecting: "a JSON array of CrowdSec alerts")))
            }
            items = alerts.map { $0.value?.item ?? .problem($0.problem ?? "") }
        case .wazuh:
            guard let alerts = jsonObjects(data, as: WazuhAlert.self) else { return .failure(.unreadable(jsonProblem(data, expecting: "Wazuh alert JSON"))) }
            items = alerts.map { $0.map(\.item) ?? .problem("not a Wazuh alert") }
        case .suricata:
            guard let events = jsonObjects(data, as: SuricataEvent.self) else { return .failure(.unreadable(jsonProblem(data, expecting: "Suricata EVE JSON"))) }
            items = events.map { $0.map(\.item) ?? .problem("not an EVE event") }
        case .clamav:
            guard let text = String(data: data, encoding: .utf8) else { return .failure(.unreadable("the lines are not UTF-8 text")) }
            items = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.map { ClamAVLine.item(String($0), now: now) }
        }
        guard !items.isEmpty else { return .failure(.empty) }
        guard items.count <= maxBatch else { return .failure(.tooMany(max: maxBatch)) }
        var batch = AlertBatch()
        for (index, item) in items.enumerated() {
            switch item {
            case .skip: batch.skipped += 1
            case .problem(let reason): batch.problems.append(.init(item: index + 1, reason: reason))
            case .alert(let raw):
                switch IngestAlert.checked(raw, now: now) {
                case .success(let alert): batch.alerts.append(alert)
                case .failure(let problem): batch.problems.append(.init(item: index + 1, reason: describe(problem)))
                }
            }
        }
        return .success(batch)
    }

    /// What one element or line of a batch turned out to be.
    enum Item {
        case alert(IngestAlert)
        case skip
        case problem(String)
    }

    static func describe(_ problem: IngestAlert.Problem) -> String {
        switch problem {
        case .timeInFuture: "its time is more than 5 minutes ahead of ours"
        case .timeTooOld: "its time is more than a year ago"
        case .badAddress(let text): "\"\(text)\" is not an IP address"
        case .tooManyAddresses(let max): "more than \(max) addresses"
        case .summaryRequired: "it has no summary"
        }
    }

    static let decoder = JSONDecoder()

    /// JSON objects as a tool writes them: one object, an array of objects, or one object per line (nil for a line
    /// that is not one). Nil when the body is none of these.
    static func jsonObjects<T: Decodable>(_ data: Data, as type: T.Type) -> [T?]? {
        if let many = try? decoder.decode([T].self, from: data) { return many }
        if let one = try? decoder.decode(T.self, from: data) { return [one] }
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        guard lines.count > 1 else { return nil }
        return lines.map { try? decoder.decode(T.self, from: Data($0.utf8)) }
    }

    /// Why a body is not the JSON expected, in a sentence.
    static func jsonProblem(_ data: Data, expecting what: String) -> String {
        if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil { return "the body is not JSON; expected \(what)" }
        return "the JSON is not \(what)"
    }

    /// Our own format.
    struct OwnBody: Decodable {
        struct Alert: Decodable {
            let source: String?
            let time: String
            let severity: IngestAlert.Severity
            let kind: IngestAlert.Kind
            let addresses: [String]?
            let host: String?
            let summary: String
        }
        let alerts: [Failable<OwnAlert>]
    }

    struct OwnAlert: Decodable {
        let alert: IngestAlert
        init(from decoder: any Decoder) throws {
            let raw = try OwnBody.Alert(from: decoder)
            guard let time = Timestamp.parse(raw.time) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "time is not an ISO 8601 time"))
            }
            alert = IngestAlert(source: raw.source ?? "shieldwall", time: time, severity: raw.severity, kind: raw.kind, addresses: raw.addresses ?? [],
                                host: raw.host ?? "", summary: raw.summary)
        }
    }
}

/// One element of a JSON array, read on its own: a bad element is a problem of that element, not of the batch.
struct Failable<T: Decodable>: Decodable {
    let value: T?
    let problem: String?

    init(from decoder: any Decoder) throws {
        do {
            value = try T(from: decoder)
            problem = nil
        } catch let error as DecodingError {
            value = nil
            problem = Self.describe(error, below: decoder.codingPath.count)
        }
    }

    /// A decoding error in a sentence that names the field.
    static func describe(_ error: DecodingError, below depth: Int) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let names = keys.dropFirst(depth).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? "the alert" : names.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath + [key])
            return "\(parent) is missing"
        case .typeMismatch(_, let context): return "\(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)) is null"
        case .dataCorrupted(let context):
            // Foundation's words for an unknown enum value: "Cannot initialize Severity from invalid String value dire".
            if let range = context.debugDescription.range(of: "from invalid String value ") {
                return "\(path(context.codingPath)): \"\(context.debugDescription[range.upperBound...])\" is not one of its values"
            }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "cannot be read"
        }
    }
}
