import Fluent
import Foundation
import SQLKit

/// A mark in the database that moves whenever any data a page may show changes, kept by the database itself: every
/// table carries a trigger that gives the mark a new value in the same transaction as the write, so no write is
/// missed — not one through raw SQL, a background job, or another app server. `PageCache` keeps whole pages under it
/// (`DataVersions.page`). Here, with the migrations, because a later migration that adds a table calls it too.
///
/// Not watched: Fluent's migration log, SQLite's own tables and full-text shadow tables (their writes come with a
/// watched table's), and a browser session's `last_seen_at` (written once a minute by every signed-in person's next
/// page; no page depends on it to the minute). A table a later migration adds is watched by `watchNewTables` at the end
/// of that migration; `PageCacheTests` fails while any table is not.
///
/// SQLite writes one table at a time, so its triggers simply write a new random value. On PostgreSQL the trigger is
/// deferred to the commit and writes the transaction's id once: the row lock is held for the commit alone, and writers
/// that lock rows in any order never deadlock on it; only a transaction's first changed row queues it.
enum PageDataTriggers {
    static let key = "page_data_version"
    private static let settings = "instance_settings"
    private static let triggerPrefix = "page_data_"

    /// Tables whose writes never change a page (see above); `web_sessions` is watched for sign-ins and sign-outs.
    static let unwatched: Set<String> = ["_fluent_migrations"]

    /// Puts the mark in place (once) and watches every table not yet watched.
    static func install(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.insert(into: settings).columns("key", "value").values(SQLBind(key), SQLBind(UUID().uuidString))
            .ignoringConflicts(with: ["key"]).run()
        if sql.dialect.name != "sqlite" {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION page_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE instance_settings SET value = txid_current()::text
                    WHERE key = '\(unsafeRaw: key)' AND value IS DISTINCT FROM txid_current()::text;
                    RETURN NULL;
                END $$
                """).run()
            // The triggers' condition: true for a transaction's first changed row only (a setting local to the
            // transaction remembers it), so an import of 100,000 indicators queues one call to the function above, not
            // one per row (which made it 22% slower; this way 4%, 6.65 s → 6.90 s).
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION page_data_first_change() RETURNS boolean LANGUAGE sql VOLATILE AS $$
                    SELECT CASE WHEN current_setting('shieldwall.page_data_changed', true) = 'yes' THEN false
                                ELSE set_config('shieldwall.page_data_changed', 'yes', true) = 'yes' END
                $$
                """).run()
        }
        try await watchNewTables(on: db)
    }

    /// Watches every table that has no trigger yet: the last step of a migration that creates tables.
    static func watchNewTables(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for table in try await unwatchedTables(on: sql) { try await watch(table, on: sql) }
    }

    /// The tables whose writes would not move the mark: empty once every migration has run.
    static func unwatchedTables(on sql: any SQLDatabase) async throws -> [String] {
        let tables: [String], watched: Set<String>
        if sql.dialect.name == "sqlite" {
            let virtual = try await names("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'", on: sql)
            tables = try await names("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", on: sql)
                .filter { name in !virtual.contains { name == $0 || name.hasPrefix($0 + "_") } }
            watched = Set(try await names("SELECT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\(unsafeRaw: triggerPrefix)%'", on: sql))
        } else {
            tables = try await names("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()", on: sql)
            watched = Set(try await names("""
                SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE t.tgname LIKE '\(unsafeRaw: triggerPrefix)%' AND c.relnamespace = current_schema()::regnamespace
                """, on: sql))
        }
        return tables.filter { !unwatched.contains($0) && !watched.contains($0) }.sorted()
    }

    private static func names(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// The events of `table` that move the mark, and the condition on the changed row, per event.
    private static func events(of table: String) -> [(event: String, when: String?)] {
        switch table {
        case "web_sessions": return [("INSERT", nil), ("DELETE", nil)]
        case settings:
            return [("INSERT", "NEW.key <> '\(key)'"), ("UPDATE", "NEW.key <> '\(key)'"), ("DELETE", "OLD.key <> '\(key)'")]
        default: return [("INSERT", nil), ("UPDATE", nil), ("DELETE", nil)]
        }
    }

    private static func watch(_ table: String, on sql: any SQLDatabase) async throws {
        let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        if sql.dialect.name == "sqlite" {
            for (event, when) in events(of: table) {  // trigger names are the schema's: the table's name is in each
                try await sql.raw("""
                    CREATE TRIGGER "\(unsafeRaw: triggerPrefix)\(unsafeRaw: table)_\(unsafeRaw: event.lowercased())" AFTER \(unsafeRaw: event)
                    ON \(unsafeRaw: quoted) FOR EACH ROW\(unsafeRaw: when.map { " WHEN (\($0))" } ?? "")
                    BEGIN UPDATE instance_settings SET value = lower(hex(randomblob(16))) WHERE key = '\(unsafeRaw: key)'; END
                    """).run()
            }
            return
        }
        // PostgreSQL names triggers per table (and cuts names at 63 bytes): one trigger per condition, its events joined.
        let byCondition = Dictionary(grouping: events(of: table), by: { $0.when ?? "" })
        for (index, (condition, events)) in byCondition.sorted(by: { $0.key < $1.key }).enumerated() {
            try await sql.raw("""
                CREATE CONSTRAINT TRIGGER \(unsafeRaw: triggerPrefix)changed_\(unsafeRaw: String(index)) AFTER \(unsafeRaw: events.map(\.event).joined(separator: " OR "))
                ON \(unsafeRaw: quoted) DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN (\(unsafeRaw: condition.isEmpty ? "" : condition + " AND ")page_data_first_change())
                EXECUTE FUNCTION page_data_changed()
                """).run()
        }
    }

    static func uninstall(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for name in try await names("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\(unsafeRaw: triggerPrefix)%'", on: sql) {
                try await sql.raw("DROP TRIGGER \"\(unsafeRaw: name)\"").run()
            }
        } else {
            try await sql.raw("DROP FUNCTION IF EXISTS page_data_changed() CASCADE").run()
            try await sql.raw("DROP FUNCTION IF EXISTS page_data_first_change() CASCADE").run()
        }
        try await sql.delete(from: settings).where("key", .equal, key).run()
    }
}
