import Fluent
import SQLKit

extension Database {
    /// A transaction that takes SQLite's write lock before it reads, for writers that run side by side (tools sending
    /// at once). Fluent begins a deferred transaction: one that reads and then writes fails with "database is locked"
    /// when another connection wrote in between, because SQLite cannot move a stale read snapshot up to a write. So
    /// on SQLite these transactions queue in this process first (`SQLiteWriters`: SQLiteNIO's busy handler would spin
    /// a core while it waits) and then write first, a write that changes nothing. PostgreSQL needs none of this.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await transaction(body) }
        await SQLiteWriters.shared.enter()
        do {
            let result = try await transaction { tx in
                if let sql = tx as? any SQLDatabase { try await sql.raw("UPDATE instance_settings SET value = value WHERE \"key\" = ''").run() }
                return try await body(tx)
            }
            await SQLiteWriters.shared.leave()
            return result
        } catch {
            await SQLiteWriters.shared.leave()
            throw error
        }
    }
}

/// Write transactions on SQLite in this process, one at a time, first come first served.
actor SQLiteWriters {
    static let shared = SQLiteWriters()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
