import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Which engine holds the data: SQLite in the data directory by default, PostgreSQL when
/// `DATABASE_URL` is set, an in-memory SQLite for tests.
public enum DatabaseChoice: Sendable, Equatable {
    case sqliteFile(URL)
    case sqliteMemory
    case postgres(String)

    public static func from(_ configuration: ShieldwallConfiguration) -> DatabaseChoice {
        if let url = configuration.databaseURL { return .postgres(url) }
        return .sqliteFile(configuration.dataDirectory.appendingPathComponent("shieldwall.sqlite"))
    }

    public var isPostgres: Bool { if case .postgres = self { return true } else { return false } }

    func install(on app: Application) throws {
        switch self {
        case .sqliteFile(let url):
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(url.path)), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory), as: .sqlite)
        case .postgres(let url):
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
        }
    }

    /// Engine settings that must hold on every connection: WAL journal for a SQLite file (readers do
    /// not block the writer).
    func prepare(_ db: any Database) async throws {
        guard case .sqliteFile = self, let sql = db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}
