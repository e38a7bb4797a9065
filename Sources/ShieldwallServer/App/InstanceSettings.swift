import Fluent
import ShieldwallCore
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Settings an operator changes at run time, kept in the database so every `serve` process agrees.
public struct InstanceSettings: Sendable, Equatable {
    /// Anyone may register a person and a new organisation (off by default: communities are vetted).
    public var openRegistration = false
    public var sessionIdleMinutes = 30
    public var sessionAbsoluteHours = 12
    /// New communities skip the operator's approval and go straight to setup.
    public var autoApproveCommunities = false
    /// How many firms must contribute before a community benchmark shows (never below 3).
    public var benchmarkMinimumFirms = 3
    /// The national places to report an incident to, shown on the help page: `name | address | when`, one per line.
    public var reportPlaces = ""
    /// How long firms' alerts are kept before the background job removes them.
    public var alertRetentionDays = 90

    public init() {}

    public static let idleRange = 5...1440
    public static let absoluteRange = 1...720
    public static let benchmarkRange = 3...50
    public static let alertRetentionRange = 7...730

    public static func load(on db: any Database) async throws -> InstanceSettings {
        try await loadWithVersions(on: db).settings
    }

    /// The settings and the data versions, which live in the same table: one read for both.
    static func loadWithVersions(on db: any Database) async throws -> (settings: InstanceSettings, versions: DataVersions) {
        var settings = InstanceSettings()
        var marks: [String: String] = [:]
        for row in try await InstanceSetting.query(on: db).all() {
            switch row.id {
            case "open_registration": settings.openRegistration = row.value == "true"
            case "session_idle_minutes": settings.sessionIdleMinutes = Int(row.value) ?? settings.sessionIdleMinutes
            case "session_absolute_hours": settings.sessionAbsoluteHours = Int(row.value) ?? settings.sessionAbsoluteHours
            case "auto_approve_communities": settings.autoApproveCommunities = row.value == "true"
            case "benchmark_minimum_firms": settings.benchmarkMinimumFirms = CommunityBenchmark.threshold(Int(row.value))
            case "report_places": settings.reportPlaces = row.value
            case "alert_retention_days": settings.alertRetentionDays = Int(row.value).map { min(max($0, alertRetentionRange.lowerBound), alertRetentionRange.upperBound) }
                ?? settings.alertRetentionDays
            case DataVersions.threatKey, DataVersions.accessKey, DataVersions.pageKey: marks[row.id ?? ""] = row.value
            default: break
            }
        }
        return (settings, DataVersions(marks))
    }

    public func save(on db: any Database) async throws {
        let values = [
            "open_registration": openRegistration ? "true" : "false",
            "session_idle_minutes": String(sessionIdleMinutes),
            "session_absolute_hours": String(sessionAbsoluteHours),
            "auto_approve_communities": autoApproveCommunities ? "true" : "false",
            "benchmark_minimum_firms": String(benchmarkMinimumFirms),
            "report_places": reportPlaces,
            "alert_retention_days": String(alertRetentionDays),
        ]
        try await db.transaction { tx in
            for (key, value) in values {
                if let row = try await InstanceSetting.find(key, on: tx) {
                    row.value = value
                    try await row.update(on: tx)
                } else {
                    try await InstanceSetting(key: key, value: value).create(on: tx)
                }
            }
        }
    }
}

extension Request {
    private struct SettingsKey: StorageKey { typealias Value = InstanceSettings }

    /// The settings, read from the database once per request (the session check and the page both need them); the
    /// same read gives the request its data versions (`dataVersions()`).
    func instanceSettings() async throws -> InstanceSettings {
        if let cached = storage[SettingsKey.self] { return cached }
        let local = DataVersions.localChanges.withLockedValue { $0 }  // before the read: a bump during it reads again
        let (settings, versions) = try await InstanceSettings.loadWithVersions(on: db)
        storage[SettingsKey.self] = settings
        rememberVersions(versions, local: local)
        application.settingsCache?.store(settings, versions)
        return settings
    }

    /// Takes the settings and marks this server last read, if they were read at `pageMark` — which the session's query
    /// read in the same statement (`WebSessionMiddleware`): then `instanceSettings()` reads nothing. `local` is
    /// `DataVersions.localChanges` as it was before that query.
    func adoptSettings(atPageMark pageMark: String, local: Int) {
        rememberFirstPageMark(pageMark)
        guard storage[SettingsKey.self] == nil, let (settings, versions) = application.settingsCache?.get(pageMark) else { return }
        storage[SettingsKey.self] = settings
        rememberVersions(versions, local: local)
    }
}

/// The settings and the marks as this server last read them, under the page mark they were read at. Every write to
/// `instance_settings` (a setting, the threat or access mark) moves the page mark (`PageDataTriggers`), so while a request
/// reads the same page mark, these are the settings and marks in the database.
final class SettingsCache: Sendable {
    private let last = NIOLockedValueBox<(settings: InstanceSettings, versions: DataVersions)?>(nil)

    func get(_ pageMark: String) -> (InstanceSettings, DataVersions)? {
        last.withLockedValue { last in
            guard let last, last.versions.page == pageMark, !pageMark.isEmpty else { return nil }
            return (last.settings, last.versions)
        }
    }

    func store(_ settings: InstanceSettings, _ versions: DataVersions) {
        last.withLockedValue { $0 = (settings, versions) }
    }
}

extension Application {
    private struct SettingsCacheKey: StorageKey { typealias Value = SettingsCache }

    /// Set once by `configure`, before any request.
    var settingsCache: SettingsCache? {
        get { storage[SettingsCacheKey.self] }
        set { storage[SettingsCacheKey.self] = newValue }
    }
}
