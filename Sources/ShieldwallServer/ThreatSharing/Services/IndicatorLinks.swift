import FluentSQLiteDriver
import Foundation
import ShieldwallCore

/// Finds or creates each indicator (one row per value on the instance) and links it to a report, 500 values
/// at a time in multi-row statements. Not through Fluent models: model reflection made a 100,000-indicator
/// import take half a minute. On SQLite not through SQLKit either: its serialiser and value encoder (which
/// writes each UUID through `snprintf`) were a third of the writing time of such an import (perf, see
/// BENCHMARKS.md), so there the statements are written as text with `?` marks and the values bound as
/// SQLite keeps them. Other databases (PostgreSQL) go through SQLKit.
enum IndicatorLinks {
    static let batchSize = 500

    static func link(_ values: [IndicatorValue], to reportID: UUID, at now: Date, on db: any Database) async throws {
        guard !values.isEmpty, let sql = db as? any SQLDatabase else { return }
        let rows: any IndicatorRows = if let lite = db as? any SQLiteDatabase { LiteRows(db: lite) } else { SQLKitRows(db: sql) }
        var linked = try await rows.linkedIndicators(of: reportID)
        var seen = Set<IndicatorValue>()
        let unique = values.filter { seen.insert($0).inserted }
        for start in stride(from: 0, to: unique.count, by: batchSize) {
            let batch = unique[start..<min(start + batchSize, unique.count)]
            var known: [IndicatorValue: UUID] = [:]
            // By type and value, the order of the unique index.
            for (type, values) in Dictionary(grouping: batch, by: \.type) {
                for (value, id) in try await rows.ids(type: type, values: values.map(\.value)) {
                    known[IndicatorValue(type: type, value: value)] = id
                }
            }
            let fresh = batch.filter { known[$0] == nil }
            let freshIDs = SequentialID.next(fresh.count)
            for (value, id) in zip(fresh, freshIDs) { known[value] = id }
            if !fresh.isEmpty { try await rows.insertIndicators(Array(zip(freshIDs, fresh)), at: now) }
            let links = batch.compactMap { known[$0] }.filter { linked.insert($0).inserted }
            if !links.isEmpty { try await rows.insertLinks(Array(zip(SequentialID.next(links.count), links)), report: reportID, at: now) }
        }
    }
}

/// The four statements `IndicatorLinks` needs, for one kind of database.
private protocol IndicatorRows: Sendable {
    func linkedIndicators(of report: UUID) async throws -> Set<UUID>
    func ids(type: IndicatorType, values: [String]) async throws -> [(String, UUID)]
    func insertIndicators(_ rows: [(UUID, IndicatorValue)], at: Date) async throws
    func insertLinks(_ rows: [(UUID, UUID)], report: UUID, at: Date) async throws
}

private struct SQLKitRows: IndicatorRows {
    let db: any SQLDatabase

    func linkedIndicators(of report: UUID) async throws -> Set<UUID> {
        Set(try await db.select().column("indicator_id").from(ReportIndicator.schema).where("report_id", .equal, report)
            .all().map { try $0.decode(column: "indicator_id", as: UUID.self) })
    }

    func ids(type: IndicatorType, values: [String]) async throws -> [(String, UUID)] {
        try await db.select().columns("id", "value").from(Indicator.schema)
            .where("type", .equal, type.rawValue).where("value", .in, values).all()
            .map { (try $0.decode(column: "value", as: String.self), try $0.decode(column: "id", as: UUID.self)) }
    }

    func insertIndicators(_ rows: [(UUID, IndicatorValue)], at now: Date) async throws {
        let insert = db.insert(into: Indicator.schema).columns("id", "type", "value", "created_at")
        for (id, value) in rows { insert.values(SQLBind(id), SQLBind(value.type.rawValue), SQLBind(value.value), SQLBind(now)) }
        try await insert.run()
    }

    func insertLinks(_ rows: [(UUID, UUID)], report: UUID, at now: Date) async throws {
        let insert = db.insert(into: ReportIndicator.schema).columns("id", "report_id", "indicator_id", "created_at")
        for (id, indicator) in rows { insert.values(SQLBind(id), SQLBind(report), SQLBind(indicator), SQLBind(now)) }
        try await insert.run()
    }
}

/// SQLite keeps UUIDs as upper-case text (what Fluent's encoder writes) and dates as seconds since 1970.
private struct LiteRows: IndicatorRows {
    let db: any SQLiteDatabase

    func linkedIndicators(of report: UUID) async throws -> Set<UUID> {
        let rows = try await db.query(#"SELECT "indicator_id" FROM "report_indicators" WHERE "report_id" = ?"#, [.text(report.upperText)])
        return Set(rows.compactMap { $0.column("indicator_id")?.string.flatMap(UUID.init(uuidString:)) })
    }

    func ids(type: IndicatorType, values: [String]) async throws -> [(String, UUID)] {
        let marks = String(repeating: "?,", count: values.count - 1) + "?"
        let rows = try await db.query(#"SELECT "id", "value" FROM "indicators" WHERE "type" = ? AND "value" IN ("# + marks + ")",
                                      [.text(type.rawValue)] + values.map { .text($0) })
        return rows.compactMap { row in
            guard let value = row.column("value")?.string, let id = row.column("id")?.string.flatMap(UUID.init(uuidString:)) else { return nil }
            return (value, id)
        }
    }

    func insertIndicators(_ rows: [(UUID, IndicatorValue)], at now: Date) async throws {
        let at = SQLiteData.float(now.timeIntervalSince1970)
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * 4)
        for (id, value) in rows { binds += [.text(id.upperText), .text(value.type.rawValue), .text(value.value), at] }
        _ = try await db.query(#"INSERT INTO "indicators" ("id", "type", "value", "created_at") VALUES "# + Self.rows(rows.count, of: 4), binds)
    }

    func insertLinks(_ rows: [(UUID, UUID)], report: UUID, at now: Date) async throws {
        let at = SQLiteData.float(now.timeIntervalSince1970), reportID = SQLiteData.text(report.upperText)
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * 4)
        for (id, indicator) in rows { binds += [.text(id.upperText), reportID, .text(indicator.upperText), at] }
        _ = try await db.query(#"INSERT INTO "report_indicators" ("id", "report_id", "indicator_id", "created_at") VALUES "# + Self.rows(rows.count, of: 4),
                           binds)
    }

    /// `(?,?,?),(?,?,?),…`: `count` rows of `columns` parameters.
    static func rows(_ count: Int, of columns: Int) -> String {
        let row = "(" + String(repeating: "?,", count: columns - 1) + "?)"
        return String(repeating: row + ",", count: count - 1) + row
    }
}

extension UUID {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The same text as `uuidString` (upper-case, with hyphens), written without `snprintf`.
    var upperText: String {
        withUnsafeBytes(of: uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { out in
                var o = 0
                for i in 0..<16 {
                    if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = UInt8(ascii: "-"); o += 1 }
                    out[o] = Self.hexDigits[Int(raw[i] >> 4)]
                    out[o + 1] = Self.hexDigits[Int(raw[i] & 0x0F)]
                    o += 2
                }
                return o
            }
        }
    }
}
