import FluentSQLiteDriver
import Foundation
import ShieldwallCore

/// Finds or creates each indicator (one row per value on the instance) and links it to a report, 500 values
/// at a time in multi-row statements. Not through Fluent models: model reflection made a 100,000-indicator
/// import take half a minute. On SQLite not through SQLKit either: its serialiser and value encoder (which
/// writes each UUID through `snprintf`) were a third of the writing time of such an import (perf, see
/// BENCHMARKS.md), so there the values are bound as SQLite keeps them (see `LiteRows`). Other databases
/// (PostgreSQL) go through SQLKit.
enum IndicatorLinks {
    static let batchSize = 500

    /// `known`: ids already stored (an import stores its values while it reads); only the rest are looked up.
    static func link(_ values: [IndicatorValue], to reportID: UUID, at now: Date, on db: any Database,
                     known: [IndicatorValue: UUID] = [:]) async throws {
        var ids: [UUID] = [], rest: [IndicatorValue] = []
        ids.reserveCapacity(values.count)
        for value in values { if let id = known[value] { ids.append(id) } else { rest.append(value) } }
        let stored = try await ensure(rest, at: now, on: db).ids
        ids += rest.compactMap { stored[$0] }
        try await link(ids: ids, to: reportID, at: now, on: db)
    }

    /// The id of each value's row, creating the rows that are missing; `created` lists the new ones.
    static func ensure(_ values: [IndicatorValue], at now: Date, on db: any Database) async throws
        -> (ids: [IndicatorValue: UUID], created: [UUID]) {
        guard !values.isEmpty, let rows = rows(db) else { return ([:], []) }
        var seen = Set<IndicatorValue>()
        let unique = values.filter { seen.insert($0).inserted }
        var known: [IndicatorValue: UUID] = [:], created: [UUID] = [], insertFirst = true
        known.reserveCapacity(unique.count)
        for start in stride(from: 0, to: unique.count, by: batchSize) {
            let batch = unique[start..<min(start + batchSize, unique.count)]
            let freshIDs = SequentialID.next(batch.count)
            // Where the database says how many rows an insert that skips known values took (SQLite), the batch is
            // inserted first and looked up only when some values were known: a new value costs no lookup. After a
            // batch of only known values (a bundle imported again), the next is looked up first instead.
            if insertFirst, let taken = try await rows.insertSkippingKnown(Array(zip(freshIDs, batch)), at: now) {
                insertFirst = taken > 0
                if taken == batch.count {
                    for (value, id) in zip(batch, freshIDs) { known[value] = id }
                    created += freshIDs
                } else {
                    let tried = Set(freshIDs)
                    try await lookUp(batch, rows, into: &known)
                    created += batch.compactMap { known[$0] }.filter(tried.contains)
                }
                continue
            }
            // Otherwise (and always on PostgreSQL): looked up first, the rest inserted.
            try await lookUp(batch, rows, into: &known)
            let fresh = batch.filter { known[$0] == nil }
            insertFirst = fresh.count == batch.count
            guard !fresh.isEmpty else { continue }
            for (value, id) in zip(fresh, freshIDs) { known[value] = id }
            try await rows.insertIndicators(Array(zip(freshIDs, fresh)), at: now)
            created += freshIDs.prefix(fresh.count)
        }
        return (known, created)
    }

    /// By type and value, the order of the unique index.
    private static func lookUp(_ batch: ArraySlice<IndicatorValue>, _ rows: any IndicatorRows, into known: inout [IndicatorValue: UUID]) async throws {
        for (type, values) in Dictionary(grouping: batch, by: \.type) {
            for (value, id) in try await rows.ids(type: type, values: values.map(\.value)) {
                known[IndicatorValue(type: type, value: value)] = id
            }
        }
    }

    /// Links the indicators to the report, each once, leaving links it already has.
    static func link(ids: [UUID], to reportID: UUID, at now: Date, on db: any Database) async throws {
        guard !ids.isEmpty, let rows = rows(db) else { return }
        var linked = try await rows.linkedIndicators(of: reportID)
        let links = ids.filter { linked.insert($0).inserted }
        for start in stride(from: 0, to: links.count, by: batchSize) {
            let batch = links[start..<min(start + batchSize, links.count)]
            try await rows.insertLinks(Array(zip(SequentialID.next(batch.count), batch)), report: reportID, at: now)
        }
    }

    /// Removes the rows in `ids` that no report links to: values an import stored for a report that then could
    /// not be saved, or was already there unchanged.
    static func removeUnlinked(_ ids: [UUID], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for start in stride(from: 0, to: ids.count, by: batchSize) {
            // One statement, so a link made meanwhile by another import keeps its row.
            try await sql.delete(from: Indicator.schema).where("id", .in, Array(ids[start..<min(start + batchSize, ids.count)]))
                .where(SQLRaw(#"NOT EXISTS (SELECT 1 FROM "report_indicators" WHERE "report_indicators"."indicator_id" = "indicators"."id")"#))
                .run()
        }
    }

    private static func rows(_ db: any Database) -> (any IndicatorRows)? {
        if let lite = db as? any SQLiteDatabase { return LiteRows(db: lite) }
        if let sql = db as? any SQLDatabase { return SQLKitRows(db: sql) }
        return nil
    }
}

/// The statements `IndicatorLinks` needs, for one kind of database.
private protocol IndicatorRows: Sendable {
    func linkedIndicators(of report: UUID) async throws -> Set<UUID>
    func ids(type: IndicatorType, values: [String]) async throws -> [(String, UUID)]
    func insertIndicators(_ rows: [(UUID, IndicatorValue)], at: Date) async throws
    /// Inserts the rows whose value is not there yet and says how many it took; nil where it cannot say cheaply.
    func insertSkippingKnown(_ rows: [(UUID, IndicatorValue)], at: Date) async throws -> Int?
    func insertLinks(_ rows: [(UUID, UUID)], report: UUID, at: Date) async throws
}

private struct SQLKitRows: IndicatorRows {
    let db: any SQLDatabase

    func insertSkippingKnown(_ rows: [(UUID, IndicatorValue)], at: Date) async throws -> Int? { nil }

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

/// SQLite keeps UUIDs as upper-case text (what Fluent's encoder writes) and dates as seconds since 1970. A batch
/// goes as one JSON array bound to one parameter and unpacked by `json_each`, so the statement text is the same
/// for every batch instead of holding 2,000 parameters.
private struct LiteRows: IndicatorRows {
    let db: any SQLiteDatabase

    /// `OR IGNORE` skips rows that break a uniqueness rule; the ids are new, so only `(type, value)` can.
    func insertSkippingKnown(_ rows: [(UUID, IndicatorValue)], at now: Date) async throws -> Int? {
        try await insert(rows, at: now, verb: "INSERT OR IGNORE")
        return try await db.query("SELECT changes() AS taken").first?.column("taken")?.integer
    }

    func linkedIndicators(of report: UUID) async throws -> Set<UUID> {
        let rows = try await db.query(#"SELECT "indicator_id" FROM "report_indicators" WHERE "report_id" = ?"#, [.text(report.upperText)])
        return Set(rows.compactMap { $0.column("indicator_id")?.string.flatMap(UUID.init(uuidString:)) })
    }

    func ids(type: IndicatorType, values: [String]) async throws -> [(String, UUID)] {
        var list = JSONRows()
        for value in values { list.append([value]) }
        let rows = try await db.query(#"SELECT "id", "value" FROM "indicators" WHERE "type" = ?1 AND "indicators"."value" IN "#
                                      + #"(SELECT "value" ->> 0 FROM json_each(?2))"#, [.text(type.rawValue), .text(list.text)])
        return rows.compactMap { row in
            guard let value = row.column("value")?.string, let id = row.column("id")?.string.flatMap(UUID.init(uuidString:)) else { return nil }
            return (value, id)
        }
    }

    func insertIndicators(_ rows: [(UUID, IndicatorValue)], at now: Date) async throws {
        try await insert(rows, at: now, verb: "INSERT")
    }

    private func insert(_ rows: [(UUID, IndicatorValue)], at now: Date, verb: String) async throws {
        var list = JSONRows()
        for (id, value) in rows { list.append([id.upperText, value.type.rawValue, value.value]) }
        _ = try await db.query(verb + #" INTO "indicators" ("id", "type", "value", "created_at") "#
                               + #"SELECT "value" ->> 0, "value" ->> 1, "value" ->> 2, ?1 FROM json_each(?2)"#,
                               [.float(now.timeIntervalSince1970), .text(list.text)])
    }

    func insertLinks(_ rows: [(UUID, UUID)], report: UUID, at now: Date) async throws {
        var list = JSONRows()
        for (id, indicator) in rows { list.append([id.upperText, indicator.upperText]) }
        _ = try await db.query(#"INSERT INTO "report_indicators" ("id", "report_id", "indicator_id", "created_at") "#
                               + #"SELECT "value" ->> 0, ?1, "value" ->> 1, ?2 FROM json_each(?3)"#,
                               [.text(report.upperText), .float(now.timeIntervalSince1970), .text(list.text)])
    }
}

/// `[["a","b"],["c","d"]]`: rows of strings as a JSON array, for `json_each`.
private struct JSONRows {
    private var bytes: [UInt8] = [UInt8(ascii: "[")]

    mutating func append(_ row: [String]) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "["))
        for (n, text) in row.enumerated() {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONText.appendString(text, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    var text: String { String(decoding: bytes + [UInt8(ascii: "]")], as: UTF8.self) }
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
