import Fluent
import Foundation
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import ShieldwallCore
import Vapor

/// Sets up an application: database, migrations, password hashing, middleware and routes.
///
/// Everything outside (time, mail, where data lives) comes in through `services`; nothing is read
/// from globals, so tests build as many apps as they like.
public func configure(_ app: Application, services: ShieldwallServices, database: DatabaseChoice) async throws {
    app.shieldwall = services
    // The shipped question bank, plan template and playbooks are checked before anything else: a broken
    // one names file, id and reason.
    _ = try AssessmentContent.loaded.get()
    _ = try PlansContent.loaded.get()
    _ = try TrainingContent.loaded.get()
    _ = try MetricsContent.loaded.get()
    reportTranslations(services.catalogues, app.logger)
    // Writing to a pipe whose reader has gone (a mail command that failed early) raises SIGPIPE,
    // whose default action ends the process; a server answers with an error instead.
    signal(SIGPIPE, SIG_IGN)
    try database.install(on: app)
    AccessVersion.watchModels(on: app)
    // Made here, before any request, so that requests only ever read them.
    _ = app.accessCache
    _ = app.threatCaches
    app.migrations.add(ShieldwallMigrations.all)
    app.passwords.use(.bcrypt(cost: services.configuration.bcryptCost))

    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys]
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    // Any RFC 3339 date-time, as the OpenAPI document's `format: date-time` says (fractions of a second included).
    decoder.dateDecodingStrategy = .custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = ISO8601.date(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected an RFC 3339 date-time, such as 2026-12-01T09:30:00Z.")
        }
        return date
    }
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    app.middleware = .init()
    if services.configuration.countQueries { app.middleware.use(QueryCountMiddleware()) }
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(SecurityHeadersMiddleware(https: services.configuration.usesHTTPS))
    app.middleware.use(ShieldwallErrorMiddleware())

    try await database.prepare(app.db)
    let pageBytes = services.configuration.pageCacheMegabytes << 20
    app.pageCache = pageBytes > 0 ? PageCache(budget: pageBytes) : nil
    app.settingsCache = SettingsCache()
    try routes(app, registry: MetricsRegistry.shared)
    app.methodIndex = MethodIndex(app.routes.all)
}

/// Loads the shipped English catalogue and any `LANG.json` the operator dropped into the locales folder.
public func loadCatalogues(extraFolder: URL?) throws -> CatalogueSet {
    var catalogues: [Catalogue] = []
    if let shipped = Bundle.module.url(forResource: "Localisation", withExtension: nil, subdirectory: "Resources") {
        catalogues += try Catalogue.loadFolder(shipped)
    }
    if let extraFolder, FileManager.default.fileExists(atPath: extraFolder.path) {
        catalogues += try Catalogue.loadFolder(extraFolder)
    }
    return CatalogueSet(catalogues)
}

/// The process-wide metrics registry. swift-metrics can be bootstrapped once per process, so every
/// app in the process (tests build many) shares this one.
enum MetricsRegistry {
    private static let lock = NIOLock()
    nonisolated(unsafe) private static var bootstrapped: PrometheusCollectorRegistry?

    static var shared: PrometheusCollectorRegistry {
        lock.withLock {
            if let registry = bootstrapped { return registry }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            bootstrapped = registry
            return registry
        }
    }
}

/// Says at start, per language, how many texts fall back to English: catalogue keys and shipped texts.
private func reportTranslations(_ catalogues: CatalogueSet, _ logger: Logger) {
    let english = catalogues.catalogues[CatalogueSet.baseLanguage]?.texts.keys.map { $0 } ?? []
    for catalogue in catalogues.languages where catalogue.language != CatalogueSet.baseLanguage {
        let keys = english.filter { catalogue.texts[$0] == nil }.count
        let shipped = ((try? AssessmentContent.content(catalogue.language).missing) ?? 0) + ((try? PlansContent.content(catalogue.language).missing) ?? 0)
        let level: Logger.Level = keys + shipped == 0 ? .debug : .notice
        logger.log(level: level, "\(catalogue.language): \(keys) of \(english.count) interface texts and \(shipped) shipped texts fall back to English")
    }
}

