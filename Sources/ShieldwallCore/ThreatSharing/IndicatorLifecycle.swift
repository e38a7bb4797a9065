import Foundation

/// What the community knows about one indicator, counted only over what the viewer may see.
public struct IndicatorEvidence: Sendable, Equatable {
    /// Distinct firms (or independent experts) that reported it.
    public var reportingFirms: Int
    /// Distinct firms that said "we saw this too" in the last 30 days.
    public var recentSightingFirms: Int
    /// Distinct firms that reported or sighted it, ever.
    public var firmsReportedOrSighted: Int
    public var expertConfirmed: Bool
    /// The last time anything new happened: a report, a sighting, a confirmation.
    public var lastActivity: Date
    public var retracted: Bool

    public init(reportingFirms: Int, recentSightingFirms: Int, firmsReportedOrSighted: Int, expertConfirmed: Bool,
                lastActivity: Date, retracted: Bool) {
        self.reportingFirms = reportingFirms
        self.recentSightingFirms = recentSightingFirms
        self.firmsReportedOrSighted = firmsReportedOrSighted
        self.expertConfirmed = expertConfirmed
        self.lastActivity = lastActivity
        self.retracted = retracted
    }
}

public enum IndicatorLifecycle {
    /// Days an indicator stays live after its last activity (new sightings extend it).
    public static func lifetimeDays(_ type: IndicatorType) -> Int {
        switch type {
        case .ipv4, .ipv6, .cidr: 30
        case .domain, .url, .email: 90
        case .md5, .sha1, .sha256: 365
        }
    }

    public static func expires(_ type: IndicatorType, lastActivity: Date) -> Date {
        lastActivity.addingTimeInterval(Double(lifetimeDays(type)) * 86_400)
    }

    /// 0–100: one reporting firm 40, two 60, three 75, four or more 85; an expert's confirmation adds 25;
    /// each firm that sighted it in the last 30 days adds 5 (at most 15). A retraction makes it 0.
    public static func confidence(_ e: IndicatorEvidence) -> Int {
        if e.retracted { return 0 }
        let base = switch e.reportingFirms { case ...0: 20; case 1: 40; case 2: 60; case 3: 75; default: 85 }
        let score = base + (e.expertConfirmed ? 25 : 0) + min(15, 5 * e.recentSightingFirms)
        return min(100, score)
    }
}

/// The rule that puts a value on a community's blocklist, written so members can read it on the page.
public struct BlocklistRule: Sendable, Equatable {
    /// Reported or sighted by at least this many distinct firms…
    public var minimumFirms: Int
    /// …or confirmed by an expert of the community.
    public var expertConfirmationSuffices: Bool

    public init(minimumFirms: Int = 2, expertConfirmationSuffices: Bool = true) {
        self.minimumFirms = max(1, minimumFirms)
        self.expertConfirmationSuffices = expertConfirmationSuffices
    }

    public enum Verdict: Sendable, Equatable {
        case listed
        case notEnoughEvidence, warningList(String), memberAllowlist, expired, retracted
    }

    public func verdict(_ e: IndicatorEvidence, type: IndicatorType, now: Date, warning: String?, allowlisted: Bool) -> Verdict {
        if e.retracted { return .retracted }
        if let warning { return .warningList(warning) }
        if allowlisted { return .memberAllowlist }
        if IndicatorLifecycle.expires(type, lastActivity: e.lastActivity) <= now { return .expired }
        if e.firmsReportedOrSighted >= minimumFirms { return .listed }
        if expertConfirmationSuffices && e.expertConfirmed { return .listed }
        return .notEnoughEvidence
    }
}

/// One line of a blocklist download.
public struct BlocklistEntry: Sendable, Equatable {
    public var indicator: IndicatorValue
    public var confidence: Int
    public var firstSeen: Date
    public var lastSeen: Date
    public var expires: Date
    /// The indicator's page (the reports naming it, its sightings), for a person to follow from a match.
    public var link: String?

    public init(indicator: IndicatorValue, confidence: Int, firstSeen: Date, lastSeen: Date, expires: Date, link: String? = nil) {
        self.indicator = indicator
        self.confidence = confidence
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.expires = expires
        self.link = link
    }
}

/// Blocklist downloads for firewalls, DNS filters and mail filters.
public enum BlocklistFormat: String, Sendable, CaseIterable {
    /// CrowdSec's own CSV for `cscli decisions import` (addresses and ranges only, as bans lasting until
    /// the value expires). Listed first: its suffix `.crowdsec.csv` also ends in `.csv`.
    case crowdsec = "crowdsec.csv"
    case plain = "txt", csv

    public static let csvHeader = "value,type,confidence,first_seen,last_seen,expires,link"
    public static let crowdsecHeader = "value,scope,type,duration,reason"

    public func render(_ entries: [BlocklistEntry], now: Date = Date()) -> String {
        var out = ""
        out.reserveCapacity(entries.count * 48)
        switch self {
        case .plain:
            for e in entries { out += e.indicator.value; out += "\n" }
        case .crowdsec:
            out += Self.crowdsecHeader + "\n"
            for e in entries where e.indicator.type.isAddress {
                let hours = max(1, Int((e.expires.timeIntervalSince(now) / 3600).rounded(.up)))
                out += "\(e.indicator.value),\(e.indicator.type == .cidr ? "Range" : "Ip"),ban,\(hours)h,shieldwall confidence \(e.confidence)\n"
            }
        case .csv:
            out += Self.csvHeader + "\n"
            for e in entries {
                out += Self.csvField(e.indicator.value)
                out += ",\(e.indicator.type.rawValue),\(e.confidence),\(Self.stamp(e.firstSeen)),\(Self.stamp(e.lastSeen)),\(Self.stamp(e.expires)),"
                out += Self.csvField(e.link ?? "")
                out += "\n"
            }
        }
        return out
    }

    static func csvField(_ value: String) -> String { CSV.field(value) }

    static func stamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        return ISO8601.format(seconds)
    }
}

/// `2026-11-23T02:45:35Z` without a formatter (fast, and the same on every platform).
public enum ISO8601 {
    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days-from-civil).
    static func days(year y: Int, month m: Int, day d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func format(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        // Civil-from-days (Howard Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        guard (1000...9999).contains(y) else {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
        }
        // Written byte by byte: a scan's --json output has a time on every match, and interpolation took a
        // microsecond each.
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ n: Int, _ digits: Int, at i: Int) {
                var n = n
                for k in stride(from: i + digits - 1, through: i, by: -1) { out[k] = UInt8(48 + n % 10); n /= 10 }
            }
            put(y, 4, at: 0); out[4] = 45; put(m, 2, at: 5); out[7] = 45; put(d, 2, at: 8); out[10] = 84
            put(rest / 3600, 2, at: 11); out[13] = 58; put(rest / 60 % 60, 2, at: 14); out[16] = 58; put(rest % 60, 2, at: 17)
            out[19] = 90
            return 20
        }
    }

    /// An RFC 3339 date-time (`2026-11-23T02:45:35Z`, `…35.25+01:00`, `t`/`z` in lower case, any offset), or nil.
    /// Foundation's ISO 8601 parsing refuses fractional seconds (the JSON decoder's `.iso8601`) or offsets past
    /// ±18:00, which RFC 3339 allows.
    public static func date(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for byte in b[from..<from + count] {
                guard (48...57).contains(byte) else { return nil }
                n = n * 10 + Int(byte - 48)
            }
            return n
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19, fraction = 0.0
        if b[i] == 46 {
            var scale = 0.1
            i += 1
            let start = i
            while i < b.count, (48...57).contains(b[i]) { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else {
            guard b[i] == 43 || b[i] == 45, i + 6 == b.count, b[i + 3] == 58, let h = number(i + 1, 2), let m = number(i + 4, 2),
                  h < 24, m < 60 else { return nil }
            offset = (h * 3600 + m * 60) * (b[i] == 45 ? -1 : 1)
            i += 6
        }
        guard i == b.count else { return nil }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
