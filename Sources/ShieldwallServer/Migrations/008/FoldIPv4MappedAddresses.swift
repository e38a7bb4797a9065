import Fluent
import Foundation
import ShieldwallCore
import SQLKit

/// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how dual-stack servers log IPv4 clients) is now read as
/// the IPv4 address it holds, and a range inside `::ffff:0:0/96` as the IPv4 range. Values stored before in
/// the mapped form are rewritten to the IPv4 one. An indicator that was already known in both forms becomes
/// one: its reports, sightings and confirmations move to the IPv4 indicator, so nothing reported is lost.
struct FoldIPv4MappedAddresses: AsyncMigration {
    var name: String { "008_FoldIPv4MappedAddresses" }

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for (id, folded) in try await Self.mapped(in: "indicators", sql) {
                let same = try await sql.select().column("id").from("indicators")
                    .where("type", .equal, folded.type.rawValue).where("value", .equal, folded.value).first()
                guard let keep = try same?.decode(column: "id", as: UUID.self) else {
                    try await sql.update("indicators").set("type", to: folded.type.rawValue).set("value", to: folded.value)
                        .where("id", .equal, id).run()
                    continue
                }
                // Rows that would say twice what the kept indicator's already say are dropped, the rest moved.
                try await Self.move(from: id, to: keep, in: "report_indicators", unique: ["report_id"], sql)
                try await Self.move(from: id, to: keep, in: "indicator_confirmations", unique: ["community_id", "person_id"], sql)
                try await sql.update("sightings").set("indicator_id", to: keep).where("indicator_id", .equal, id).run()
                try await sql.delete(from: "indicators").where("id", .equal, id).run()
            }
            for (table, owner) in [("allowlist_entries", "organisation_id"), ("community_warnings", "community_id")] {
                for (id, folded) in try await Self.mapped(in: table, sql) {
                    let owners = try await sql.select().column(owner).from(table).where("id", .equal, id).all()
                    guard let ownerID = try owners.first?.decode(column: owner, as: UUID.self) else { continue }
                    let same = try await sql.select().column("id").from(table).where(owner, .equal, ownerID)
                        .where("type", .equal, folded.type.rawValue).where("value", .equal, folded.value).first()
                    if same != nil {
                        try await sql.delete(from: table).where("id", .equal, id).run()
                    } else {
                        try await sql.update(table).set("type", to: folded.type.rawValue).set("value", to: folded.value)
                            .where("id", .equal, id).run()
                    }
                }
            }
        }
    }

    /// Nothing to undo: the mapped spelling and the IPv4 one name the same address.
    func revert(on database: any Database) async throws {}

    /// The rows of `table` whose IPv6 address or range is IPv4-mapped, with the value they now read as.
    private static func mapped(in table: String, _ sql: any SQLDatabase) async throws -> [(UUID, IndicatorValue)] {
        let rows = try await sql.select().columns("id", "type", "value").from(table)
            .where("type", .in, [IndicatorType.ipv6.rawValue, IndicatorType.cidr.rawValue])
            .where("value", .like, "::ffff:%").all()
        return try rows.compactMap { row in
            let value = try row.decode(column: "value", as: String.self)
            guard case .success(let folded) = IndicatorValue.normalise(value),
                  folded.type.rawValue != (try row.decode(column: "type", as: String.self)) || folded.value != value else { return nil }
            return (try row.decode(column: "id", as: UUID.self), folded)
        }
    }

    /// Points the rows of `table` at `keep` instead of `id`, dropping those whose `unique` columns `keep`
    /// already has a row for.
    private static func move(from id: UUID, to keep: UUID, in table: String, unique: [String], _ sql: any SQLDatabase) async throws {
        let kept = try await sql.select().columns(unique).from(table).where("indicator_id", .equal, keep).all()
        let keys = Set(try kept.map { row in try unique.map { try row.decode(column: $0, as: UUID.self) } })
        for row in try await sql.select().columns(["id"] + unique).from(table).where("indicator_id", .equal, id).all() {
            let rowID = try row.decode(column: "id", as: UUID.self)
            if keys.contains(try unique.map { try row.decode(column: $0, as: UUID.self) }) {
                try await sql.delete(from: table).where("id", .equal, rowID).run()
            } else {
                try await sql.update(table).set("indicator_id", to: keep).where("id", .equal, rowID).run()
            }
        }
    }
}
