import Foundation

/// One alert a firm's own tool sent in (issue #28), in our words whatever tool it came from: where it came from,
/// when, how bad, what kind, the addresses involved, the host it was seen on and a short summary. Alerts are the
/// firm's own: never shown to anyone outside it.
public struct IngestAlert: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
        case info, low, medium, high, critical

        public static func < (a: Severity, b: Severity) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    /// What happened, in words a shop owner can act on.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Many failed sign-ins: guessing or stuffing passwords.
        case bruteForce = "brute-force"
        /// Probing for open doors: port or web scans.
        case scan
        /// Attacks on a web site or shop.
        case webAttack = "web-attack"
        case malware
        /// Traffic that matched a known attack or a known bad address.
        case intrusion
        case other
    }

    /// The tool that sent it: `shieldwall`, `crowdsec`, `wazuh`, `suricata`, `clamav` or a name the firm gave.
    public var source: String
    public var time: Date
    public var severity: Severity
    public var kind: Kind
    /// Canonical IPv4/IPv6 addresses (`IndicatorValue`), the attacker's first.
    public var addresses: [String]
    public var host: String
    public var summary: String

    public init(source: String, time: Date, severity: Severity, kind: Kind, addresses: [String], host: String, summary: String) {
        self.source = source
        self.time = time
        self.severity = severity
        self.kind = kind
        self.addresses = addresses
        self.host = host
        self.summary = summary
    }

    public static let maxSummary = 500
    public static let maxHost = 255
    public static let maxAddresses = 20
    /// A tool's clock may be a little ahead; more than this is a wrong clock or a wrong field.
    public static let maxFuture: TimeInterval = 300
    /// Older than this is not news (and would fall to retention at once).
    public static let maxAge: TimeInterval = 366 * 86_400

    public enum Problem: Error, Equatable, Sendable {
        case timeInFuture
        case timeTooOld
        case badAddress(String)
        case tooManyAddresses(max: Int)
        case summaryRequired
    }

    /// The alert as stored: addresses read as `IndicatorValue` IP addresses (defanged or mapped spellings made
    /// canonical, duplicates dropped), texts trimmed and cut to their limits; or why it cannot be taken.
    public static func checked(_ raw: IngestAlert, now: Date) -> Result<IngestAlert, Problem> {
        if raw.time.timeIntervalSince(now) > maxFuture { return .failure(.timeInFuture) }
        if now.timeIntervalSince(raw.time) > maxAge { return .failure(.timeTooOld) }
        guard raw.addresses.count <= maxAddresses else { return .failure(.tooManyAddresses(max: maxAddresses)) }
        var addresses: [String] = []
        for text in raw.addresses {
            guard case .success(let value) = IndicatorValue.normalise(text), value.type == .ipv4 || value.type == .ipv6 else {
                return .failure(.badAddress(String(text.prefix(80))))
            }
            if !addresses.contains(value.value) { addresses.append(value.value) }
        }
        let summary = raw.summary.trimmingWhitespace()
        guard !summary.isEmpty else { return .failure(.summaryRequired) }
        var alert = raw
        alert.addresses = addresses
        alert.summary = String(summary.prefix(maxSummary))
        alert.host = String(raw.host.trimmingWhitespace().prefix(maxHost))
        alert.source = String(raw.source.trimmingWhitespace().prefix(40))
        return .success(alert)
    }
}
