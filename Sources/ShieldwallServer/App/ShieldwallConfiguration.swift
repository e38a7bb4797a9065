import Foundation
import ShieldwallCore

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
    /// Count the database queries of each request and answer them in `X-Shieldwall-Queries`
    /// (`SHIELDWALL_COUNT_QUERIES=1`): for the tests' query bounds and the page benchmark, off in production.
    public var countQueries: Bool = false
    /// STIX bundles larger than this many bytes (`SHIELDWALL_IMPORT_INLINE_BYTES`, default 4 MiB) are imported by a
    /// background job, their progress a TAXII status; smaller ones while the client waits.
    public var importInlineBytes: Int = Self.defaultImportInlineBytes
    public static let defaultImportInlineBytes = 4 << 20
    /// How many MiB of signed-in pages each server keeps in memory under the page-data mark (`SHIELDWALL_PAGE_CACHE_MB`,
    /// default 32; 0 keeps none): `PageCache`.
    public var pageCacheMegabytes: Int = Self.defaultPageCacheMegabytes
    public static let defaultPageCacheMegabytes = 32
    /// Seals peers' credentials at rest (`SHIELDWALL_FEDERATION_KEY`, at least 32 characters; `SealedSecret`).
    /// Without it peers can be added only without credentials.
    public var federationKey: SealedSecret?

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
        var configuration = ShieldwallConfiguration(
            dataDirectory: URL(fileURLWithPath: data, isDirectory: true),
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            baseURL: env["SHIELDWALL_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080",
            sendmailCommand: env["SHIELDWALL_SENDMAIL"].flatMap { $0.isEmpty ? nil : $0 }
        )
        configuration.countQueries = env["SHIELDWALL_COUNT_QUERIES"] == "1"
        if let text = env["SHIELDWALL_IMPORT_INLINE_BYTES"], let bytes = Int(text), bytes >= 0 { configuration.importInlineBytes = bytes }
        if let text = env["SHIELDWALL_PAGE_CACHE_MB"], let megabytes = Int(text), (0...4096).contains(megabytes) {
            configuration.pageCacheMegabytes = megabytes
        }
        configuration.federationKey = env["SHIELDWALL_FEDERATION_KEY"].flatMap(SealedSecret.init(keyText:))
        return configuration
    }

    /// What in the environment cannot be read (a number that is not one), so that `serve` and `demo` refuse to start
    /// rather than quietly use a default; empty when all is well.
    public static func environmentProblems(_ env: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var problems: [String] = []
        if let text = env["SHIELDWALL_IMPORT_INLINE_BYTES"], Int(text).map({ $0 < 0 }) ?? true {
            problems.append("SHIELDWALL_IMPORT_INLINE_BYTES is '\(text)': give a number of bytes, 0 or more (the default is \(defaultImportInlineBytes)).")
        }
        if let text = env["SHIELDWALL_PAGE_CACHE_MB"], Int(text).map({ !(0...4096).contains($0) }) ?? true {
            problems.append("SHIELDWALL_PAGE_CACHE_MB is '\(text)': give a number of MiB from 0 (keep no pages) to 4096 (the default is \(defaultPageCacheMegabytes)).")
        }
        if let text = env["SHIELDWALL_FEDERATION_KEY"], SealedSecret(keyText: text) == nil {
            problems.append("SHIELDWALL_FEDERATION_KEY has \(text.count) characters: give at least 32 (for example the output of 'openssl rand -base64 32').")
        }
        return problems
    }

    /// The environment's configuration for a server listening on `hostname:port`: without `SHIELDWALL_BASE_URL`,
    /// links point at that address (not at a default port people may not be using).
    public static func forListening(hostname: String, port: Int, _ env: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        var configuration = fromEnvironment(env)
        if env["SHIELDWALL_BASE_URL"].map({ $0.isEmpty }) ?? true {
            configuration.baseURL = "http://\(hostname == "0.0.0.0" ? "127.0.0.1" : hostname):\(port)"
        }
        return configuration
    }

    /// A warning when the base URL names another port than the one the server listens on (links in mail and on
    /// pages would not reach it), or nil. A base URL without a port (behind a proxy on 80/443) is not questioned.
    public static func portWarning(baseURL: String, listeningPort: Int) -> String? {
        guard let url = URL(string: baseURL), let port = url.port, port != listeningPort else { return nil }
        return "warning: SHIELDWALL_BASE_URL is \(baseURL), but this server listens on port \(listeningPort): "
            + "links in mail and on pages point at port \(port)."
    }

    /// Cookies carry the Secure flag when people reach the instance over https.
    public var usesHTTPS: Bool { baseURL.lowercased().hasPrefix("https://") }
}
