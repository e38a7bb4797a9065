import Fluent
import Foundation
import ShieldwallCore
import SQLKit
import Vapor

/// Writes one STIX bundle piece by piece, so that an export of a million indicators holds one batch at a time
/// rather than the whole bundle (issue #32): the links are read once as bare ids, then the indicators go out
/// `batch` at a time with their sightings, and the reports last (their `object_refs` name the indicators).
enum StixBundleWriter {
    typealias Sink = @Sendable (ByteBuffer) async throws -> Void
    static let batch = 500

    /// Which indicators the reports carry, each marked with the least restrictive TLP among them and first
    /// linked when (TAXII's `date_added`).
    struct Links: Sendable {
        var refs: [UUID: [UUID]] = [:]
        var tlp: [UUID: TLP] = [:]
        var firstLinked: [UUID: Date] = [:]
    }

    static func write(reports: [ThreatReport], scope: ReportScope, now: Date, on db: any Database, to sink: @escaping Sink) async throws {
        let links = try await readLinks(reports, on: db)
        let organisations = try await organisationNames(of: reports, on: db)
        var out = Chunk(sink: sink)
        out.raw("{\"type\":\"bundle\",\"id\":\"bundle--\(UUID().lowercaseText)\",\"objects\":[")
        let used = Set(reports.map(\.tlp))
        for tlp in TLP.allCases where used.contains(tlp) { try await out.object(StixBundle.marking(tlp)) }
        for (id, name) in organisations.sorted(by: { $0.key < $1.key }) {
            try await out.object(StixBundle.object(StixBundle.Identity(id: stixID("identity", id), name: name)))
        }
        // UUIDs compare by their bytes, the order of their text: `uuidString` per comparison cost a sprintf each.
        let indicatorIDs = links.tlp.keys.sorted()
        for start in stride(from: 0, to: indicatorIDs.count, by: batch) {
            let part = Array(indicatorIDs[start..<min(start + batch, indicatorIDs.count)])
            let summaries = try await IndicatorFacts.summaries(indicatorIDs: part, scope: scope, now: now, on: db)
            for id in part {
                guard let s = summaries[id], let tlp = links.tlp[id] else { continue }
                try await out.object(StixBundle.object(indicatorObject(id, s, tlp)))
                if let sighting = sightingObject(id, s, tlp) { try await out.object(StixBundle.object(sighting)) }
            }
            try await out.flush()
        }
        for r in reports {
            try await out.object(StixBundle.object(reportObject(r, organisations: organisations, indicators: links.refs[try r.requireID()] ?? [])))
        }
        out.raw("]}")
        try await out.flush()
    }

    /// The names of the firms named as authors of `reports` (anonymous reports name none), read in batches.
    static func organisationNames(of reports: [ThreatReport], on db: any Database) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        let ids = Array(Set(reports.filter { !$0.anonymous }.compactMap { $0.$organisation.id }))
        for start in stride(from: 0, to: ids.count, by: batch) {
            for org in try await Organisation.query(on: db).filter(\.$id ~~ Array(ids[start..<min(start + batch, ids.count)])).all() {
                names[try org.requireID()] = org.name
            }
        }
        return names
    }

    static func stixID(_ type: String, _ id: UUID) -> String { type + "--" + id.lowercaseText }

    /// One aggregate sighting per indicator, with a stable id so that TAXII clients see it as one object.
    static func sightingID(_ indicator: UUID, _ tlp: TLP) -> String {
        stixID("sighting", StableUUID.make("sighting|\(indicator)|\(tlp.rawValue)", version: 4))
    }

    static func indicatorObject(_ id: UUID, _ s: IndicatorSummary, _ tlp: TLP) -> StixBundle.IndicatorObject {
        StixBundle.IndicatorObject(id: stixID("indicator", id), value: s.value, created: s.createdAt, validUntil: s.expires,
                                   confidence: s.confidence, revoked: s.retracted, tlp: tlp, modified: s.retractedAt)
    }

    /// The indicator's sightings in the holder's communities as one object, or nil when there are none.
    static func sightingObject(_ id: UUID, _ s: IndicatorSummary, _ tlp: TLP) -> StixBundle.SightingObject? {
        guard s.sightings > 0 else { return nil }
        return StixBundle.SightingObject(id: sightingID(id, tlp), indicatorID: stixID("indicator", id), count: s.sightings,
                                         firstSeen: s.firstSeen, lastSeen: s.lastSighting ?? s.lastActivity, tlp: tlp)
    }

    static func reportObject(_ r: ThreatReport, organisations: [UUID: String], indicators: [UUID]) throws -> StixBundle.ReportObject {
        let author = r.anonymous ? nil : r.$organisation.id.flatMap { id in organisations[id].map { StixBundle.Identity(id: stixID("identity", id), name: $0) } }
        let description = [r.summary, r.narrative, r.whatHappened, r.impact, r.whatHelped].filter { !$0.isEmpty }.joined(separator: "\n\n")
        return StixBundle.ReportObject(id: r.stixID, name: r.title, description: description, kind: r.kind.rawValue, created: r.createdAt,
                                       modified: r.modifiedAt, tlp: r.tlp, author: author, indicatorIDs: indicators.map { stixID("indicator", $0) })
    }

    /// The report–indicator links of `reports`, read as bare rows a page at a time, each report's in the order of
    /// its unique index: a million Fluent models would not fit, and SQLiteNIO keeps every row of one answer
    /// until the last is read (660 MB for a million links).
    static func readLinks(_ reports: [ThreatReport], page: Int = 10_000, on db: any Database) async throws -> Links {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "STIX export needs an SQL database") }
        var links = Links()
        for report in reports {
            let id = try report.requireID()
            var after: UUID?, refs: [UUID] = []
            while true {
                var query = sql.select().column("indicator_id").column("created_at").from(ReportIndicator.schema)
                    .where("report_id", .equal, SQLBind(id))
                if let after { query = query.where("indicator_id", .greaterThan, SQLBind(after)) }
                // A link that cannot be read fails the export rather than leaving an indicator out unsaid.
                let rows = try await query.orderBy("indicator_id").limit(page).all()
                for row in rows {
                    let indicator = try row.decode(column: "indicator_id", as: UUID.self)
                    let created = try row.decode(column: "created_at", as: Date.self)
                    refs.append(indicator)
                    links.tlp[indicator] = min(links.tlp[indicator] ?? .red, report.tlp)
                    links.firstLinked[indicator] = min(links.firstLinked[indicator] ?? created, created)
                }
                guard rows.count == page, let last = refs.last else { break }
                after = last
            }
            links.refs[id] = refs
        }
        return links
    }

    /// Collects objects into about 256 KB before handing them to the sink.
    struct Chunk {
        let sink: Sink
        var bytes: [UInt8] = []
        var first = true

        init(sink: @escaping Sink) { self.sink = sink }

        mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

        mutating func object(_ object: JSONText) async throws {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            object.write(to: &bytes)
            if bytes.count >= 256 << 10 { try await flush() }
        }

        mutating func flush() async throws {
            guard !bytes.isEmpty else { return }
            try await sink(ByteBuffer(bytes: bytes))
            bytes.removeAll(keepingCapacity: true)
        }
    }
}
