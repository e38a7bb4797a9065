import Foundation

// Each tool's alert, read with only the fields we use, and turned into ours. The shapes are the tools' documented
// ones: CrowdSec's `models.Alert` (local API), Wazuh's alert JSON, Suricata's EVE `alert` event, clamd's log line.

/// An element of the array CrowdSec's `http` plugin posts (`{{.|toJson}}` of `[]models.Alert`).
struct CrowdSecAlert: Decodable {
    struct Source: Decodable {
        let scope: String?
        let value: String?
        let ip: String?
    }
    struct Decision: Decodable {
        let type: String?
    }
    let scenario: String
    let message: String?
    let source: Source
    let start_at: String?
    let stop_at: String?
    let created_at: String?
    let machine_id: String?
    let events_count: Int?
    let decisions: [Decision]?
    let simulated: Bool?

    var item: AlertAdapters.Item {
        // Only alerts about one address; a range or a country is a decision's business, not an alert's.
        guard (source.scope ?? "ip").lowercased() == "ip", let address = source.ip ?? source.value else { return .skip }
        guard let time = (stop_at ?? start_at ?? created_at).flatMap(Timestamp.parse) else { return .problem("stop_at is not an RFC 3339 time") }
        let banned = decisions?.contains { ($0.type ?? "").lowercased() == "ban" } ?? false
        let events = events_count.map { " (\($0) events)" } ?? ""
        return .alert(IngestAlert(source: "crowdsec", time: time, severity: banned && simulated != true ? .high : .medium,
                                  kind: Self.kind(of: scenario), addresses: [address], host: machine_id ?? "",
                                  summary: (message ?? scenario) + events))
    }

    /// CrowdSec's scenario names say what was seen: `crowdsecurity/ssh-bf`, `crowdsecurity/http-probing`…
    static func kind(of scenario: String) -> IngestAlert.Kind {
        let s = scenario.lowercased()
        if s.contains("-bf") || s.contains("bruteforce") || s.contains("brute") || s.contains("slow-bf") { return .bruteForce }
        if s.contains("scan") || s.contains("probing") || s.contains("portscan") { return .scan }
        if s.contains("http") || s.contains("cve") || s.contains("web") || s.contains("wordpress") { return .webAttack }
        return .intrusion
    }
}

/// A Wazuh alert as its integrations receive it.
struct WazuhAlert: Decodable {
    struct Rule: Decodable {
        let level: Int
        let description: String
        let groups: [String]?
    }
    struct Agent: Decodable {
        let name: String?
    }
    struct Fields: Decodable {
        let srcip: String?
    }
    let timestamp: String
    let rule: Rule
    let agent: Agent?
    let data: Fields?

    var item: AlertAdapters.Item {
        guard let time = Timestamp.parse(timestamp) else { return .problem("timestamp is not an ISO 8601 time") }
        let level = rule.level
        let severity: IngestAlert.Severity = level >= 12 ? .critical : level >= 10 ? .high : level >= 7 ? .medium : level >= 4 ? .low : .info
        return .alert(IngestAlert(source: "wazuh", time: time, severity: severity, kind: Self.kind(of: rule.groups ?? []),
                                  addresses: data?.srcip.map { [$0] } ?? [], host: agent?.name ?? "", summary: rule.description))
    }

    static func kind(of groups: [String]) -> IngestAlert.Kind {
        let g = Set(groups.map { $0.lowercased() })
        if !g.isDisjoint(with: ["authentication_failures", "authentication_failed", "brute_force", "invalid_login"]) { return .bruteForce }
        if !g.isDisjoint(with: ["rootcheck", "virus", "malware", "clamd", "freshclam", "virustotal"]) { return .malware }
        if !g.isDisjoint(with: ["web", "attack", "web_scan", "sql_injection", "xss"]) { return g.contains("web_scan") ? .scan : .webAttack }
        if !g.isDisjoint(with: ["recon", "scan"]) { return .scan }
        if !g.isDisjoint(with: ["ids", "suricata", "snort"]) { return .intrusion }
        return .other
    }
}

/// A Suricata EVE event; only `alert` events are alerts.
struct SuricataEvent: Decodable {
    struct Alert: Decodable {
        let signature: String
        let category: String?
        let severity: Int?
    }
    let timestamp: String
    let event_type: String
    let src_ip: String?
    let host: String?
    let alert: Alert?

    var item: AlertAdapters.Item {
        guard event_type == "alert" else { return .skip }
        guard let alert else { return .problem("an alert event without \"alert\"") }
        guard let time = Timestamp.parse(timestamp) else { return .problem("timestamp is not an ISO 8601 time") }
        // Suricata's severity 1 is the worst.
        let severity: IngestAlert.Severity = switch alert.severity ?? 3 { case 1: .high; case 2: .medium; case 3: .low; default: .info }
        return .alert(IngestAlert(source: "suricata", time: time, severity: severity, kind: Self.kind(of: alert.category ?? ""),
                                  addresses: src_ip.map { [$0] } ?? [], host: host ?? "", summary: alert.signature))
    }

    static func kind(of category: String) -> IngestAlert.Kind {
        let c = category.lowercased()
        if c.contains("scan") || c.contains("reconnaissance") { return .scan }
        if c.contains("web application") { return .webAttack }
        if c.contains("trojan") || c.contains("malware") || c.contains("command and control") { return .malware }
        if c.contains("brute") || c.contains("login") { return .bruteForce }
        return .intrusion
    }
}

/// A line of clamd's log, as syslog writes it (`Dec  5 12:00:01 host clamd[811]: /path: Sig FOUND`), with an ISO time
/// (journald's `--output=short-iso`), or bare from `clamdscan` (`/path: Sig FOUND`, timed now).
enum ClamAVLine {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func item(_ line: String, now: Date) -> AlertAdapters.Item {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasSuffix(" FOUND") else { return .skip }
        var rest = Substring(trimmed)
        var time = now, host = ""
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        if words.count > 4, let month = months.firstIndex(of: String(words[0])), let day = Int(words[1]), (1...31).contains(day),
           let clock = syslogClock(words[2]) {
            guard let when = syslogTime(month: month + 1, day: day, seconds: clock, now: now) else { return .problem("the date is not a day of the year") }
            time = when
            host = String(words[3])
            rest = after(words[4], in: trimmed)
        } else if words.count > 2, let when = Timestamp.parse(String(words[0])) {
            time = when
            host = String(words[1])
            rest = after(words[2], in: trimmed)
        }
        // `/home/sam/invoice.pdf.exe: Win.Trojan.Agent-123 FOUND`
        let body = rest.dropLast(" FOUND".count)
        guard let colon = body.range(of: ": ", options: .backwards) else { return .problem("no \"path: signature FOUND\" in the line") }
        let path = body[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
        let signature = body[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !signature.isEmpty else { return .problem("no signature before FOUND") }
        return .alert(IngestAlert(source: "clamav", time: time, severity: .high, kind: .malware, addresses: [], host: host,
                                  summary: "\(signature) found in \(path)"))
    }

    /// What follows the syslog tag word (`clamd[811]:`) in the line.
    static func after(_ tag: Substring, in line: String) -> Substring {
        guard tag.hasSuffix(":"), let range = line.range(of: String(tag)) else { return Substring(line) }
        return line[range.upperBound...]
    }

    static func syslogClock(_ word: Substring) -> Int? {
        let parts = word.split(separator: ":")
        guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(parts[2]), h < 24, m < 60, s < 61 else { return nil }
        return h * 3600 + m * 60 + s
    }

    /// Syslog leaves out the year: the latest such day not after tomorrow (a clock a little ahead is allowed).
    static func syslogTime(month: Int, day: Int, seconds: Int, now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let year = calendar.component(.year, from: now)
        for y in [year, year - 1] {
            let parts = DateComponents(year: y, month: month, day: day)
            guard let date = calendar.date(from: parts), calendar.component(.day, from: date) == day else { continue }
            let when = date.addingTimeInterval(TimeInterval(seconds))
            if when.timeIntervalSince(now) <= 86_400 { return when }
        }
        return nil
    }
}
