import Foundation

/// Everything an instance is configured with, read once from the environment (DESIGN.md §4).
public struct ShieldwallConfiguration: Sendable {
    /// Where the SQLite database, uploads and extra catalogues live (`SHIELDWALL_DATA`).
    public var dataDirectory: URL
    /// PostgreSQL connection address (`DATABASE_URL`); SQLite in the data directory when `nil`.
    public var databaseURL: String?
    /// The address people use to reach the instance (`SHIELDWALL_BASE_URL`), for links in mail and
    /// to decide whether cookies are marked Secure.
    public var baseURL: String
    /// A sendmail-compatible command (`SHIELDWALL_SENDMAIL`); mail goes to the operator's outbox when unset.
    public var sendmailCommand: String?
    /// Bcrypt cost; lowered only by tests.
    public var bcryptCost: Int
    /// Extra localisation catalogues (`LANG.json`) dropped in by the operator; defaults to `DATA/locales`.
    public var localesDirectory: URL

    public init(
        dataDirectory: URL,
        databaseURL: String? = nil,
        baseURL: String = "http://127.0.0.1:8080",
        sendmailCommand: String? = nil,
        bcryptCost: Int = 12,
        localesDirectory: URL? = nil
    ) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.sendmailCommand = sendmailCommand
        self.bcryptCost = bcryptCost
        self.localesDirectory = localesDirectory ?? dataDirectory.appendingPathComponent("locales")
    }

    /// Reads the environment, with the defaults of docs/operating.md.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        let data = env["SHIELDWALL_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "./shieldwall-data"
        return ShieldwallConfiguration(
            dataDirectory: URL(fileURLWithPath: data, isDirectory: true),
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            baseURL: env["SHIELDWALL_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080",
            sendmailCommand: env["SHIELDWALL_SENDMAIL"].flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// Cookies carry the Secure flag when people reach the instance over https.
    public var usesHTTPS: Bool { baseURL.lowercased().hasPrefix("https://") }
}
