import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Two marks in the database that change whenever what they stand for changes, so that several app servers
/// agree on them and a cache keyed by them is never older than the data:
/// - `threat`: shared threat data (a report, an import, a sighting, a confirmation, a retraction, an allowlist
///   or warning-list entry, a community's blocklist rule);
/// - `access`: anything that decides who may see what — people, firms, communities, memberships, charter
///   acceptances, TLP:RED recipients, API and feed tokens. `AccessVersionMiddleware` moves it in the same
///   transaction as any such write made through Fluent.
/// Each change writes a new random value (an upsert), so concurrent changes can never leave an old value standing.
/// A third mark, `page`, is kept by the database itself and moves with any write at all (`PageDataTriggers`).
struct DataVersions: Sendable, Equatable {
    static let threatKey = "threat_data_version"
    static let accessKey = "access_version"
    static let pageKey = PageDataTriggers.key
    static let keys = [threatKey, accessKey, pageKey]

    let threat: String
    let access: String
    let page: String

    init(_ marks: [String: String]) {
        threat = marks[Self.threatKey] ?? "initial"
        access = marks[Self.accessKey] ?? "initial"
        page = marks[Self.pageKey] ?? "initial"
    }

    static func read(on db: any Database) async throws -> DataVersions {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "An SQL database is needed.") }
        var values: [String: String] = [:]
        for row in try await sql.select().columns("key", "value").from(InstanceSetting.schema)
            .where("key", .in, keys).all() {
            values[try row.decode(column: "key", as: String.self)] = try row.decode(column: "value", as: String.self)
        }
        return DataVersions(values)
    }

    static func bump(_ key: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.insert(into: InstanceSetting.schema).columns("key", "value").values(SQLBind(key), SQLBind(UUID().uuidString))
            .onConflict(with: ["key"]) { $0.set(excludedValueOf: "value") }.run()
        localChanges.withLockedValue { $0 &+= 1 }
    }

    /// Moves whenever this process moves a version, so a request that changed something reads the marks again.
    static let localChanges = NIOLockedValueBox(0)
}

enum ThreatDataVersion {
    static func bump(on db: any Database) async throws { try await DataVersions.bump(DataVersions.threatKey, on: db) }
}

enum AccessVersion {
    static func bump(on db: any Database) async throws { try await DataVersions.bump(DataVersions.accessKey, on: db) }

    /// Every model whose rows decide what someone may see. Writes to these tables outside Fluent's models
    /// (query-builder updates and deletes) must bump `AccessVersion` themselves.
    static func watchModels(on app: Application) {
        app.databases.middleware.use(AccessVersionMiddleware<Person>())
        app.databases.middleware.use(AccessVersionMiddleware<Organisation>())
        app.databases.middleware.use(AccessVersionMiddleware<Community>())
        app.databases.middleware.use(AccessVersionMiddleware<CommunityPerson>())
        app.databases.middleware.use(AccessVersionMiddleware<CommunityOrganisation>())
        app.databases.middleware.use(AccessVersionMiddleware<CharterAcceptance>())
        app.databases.middleware.use(AccessVersionMiddleware<ReportRecipient>())
        app.databases.middleware.use(AccessVersionMiddleware<APIToken>())
        app.databases.middleware.use(AccessVersionMiddleware<FeedToken>())
    }
}

/// Moves the access version whenever a model that decides access is created, changed or deleted.
struct AccessVersionMiddleware<M: Model>: AsyncModelMiddleware {
    func create(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await AccessVersion.bump(on: db)
    }

    func update(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await AccessVersion.bump(on: db)
    }

    func delete(model: M, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.delete(model, force: force, on: db)
        try await AccessVersion.bump(on: db)
    }

    func softDelete(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.softDelete(model, on: db)
        try await AccessVersion.bump(on: db)
    }

    func restore(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.restore(model, on: db)
        try await AccessVersion.bump(on: db)
    }
}

extension Request {
    private struct VersionsKey: StorageKey { typealias Value = (local: Int, versions: DataVersions) }
    private struct FirstPageMarkKey: StorageKey { typealias Value = String }

    /// Kept from the instance settings' read, which holds the marks too.
    func rememberVersions(_ versions: DataVersions, local: Int) {
        storage[VersionsKey.self] = (local, versions)
        rememberFirstPageMark(versions.page)
    }

    /// The page mark read with the session (in the same statement, `adoptSettings`) or the settings, unless one was
    /// read before.
    func rememberFirstPageMark(_ mark: String) {
        if storage[FirstPageMarkKey.self] == nil { storage[FirstPageMarkKey.self] = mark }
    }

    /// The page mark as this request's first read found it (with the session, or with the settings): anything the
    /// request reads afterwards is at least as new (`PageCache`).
    func firstPageMark() async throws -> String {
        _ = try await instanceSettings()
        return storage[FirstPageMarkKey.self] ?? ""
    }

    /// The marks as this request last read them (with the settings, or alone); read again when this process has moved
    /// one since.
    func dataVersions() async throws -> DataVersions {
        let local = DataVersions.localChanges.withLockedValue { $0 }
        if let memo = storage[VersionsKey.self], memo.local == local { return memo.versions }
        if storage[VersionsKey.self] == nil {  // nothing read yet: the settings' read brings the marks along
            _ = try await instanceSettings()
            if let memo = storage[VersionsKey.self], memo.local == local { return memo.versions }
        }
        let versions = try await DataVersions.read(on: db)
        storage[VersionsKey.self] = (local, versions)
        return versions
    }
}
