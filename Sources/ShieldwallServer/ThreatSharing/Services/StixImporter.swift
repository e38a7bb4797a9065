import Crypto
import Fluent
import SQLKit
import Foundation
import ShieldwallCore
import Vapor

/// Imports a STIX bundle into one community as reports and indicators. Each report is written in its own
/// transaction, so a malformed object never aborts the rest and nothing is half-written; re-importing the
/// same bundle changes nothing (the STIX id is kept, a newer `modified` wins).
enum StixImporter {
    struct Summary: Content {
        var reportsCreated = 0
        var reportsUpdated = 0
        var reportsUnchanged = 0
        var indicators = 0
        var skipped: [Item] = []
        var errors: [Item] = []

        struct Item: Content, Equatable {
            let id: String
            let type: String?
            let reason: String
        }

        /// One line for people: "2 reports created, …".
        var text: String {
            "\(reportsCreated) report(s) created, \(reportsUpdated) updated, \(reportsUnchanged) unchanged; \(indicators) indicator value(s); "
                + "\(skipped.count) object(s) skipped, \(errors.count) error(s)."
        }
    }

    /// The largest bundle a request may carry (the default body limit is 16 KB; only the import routes raise it).
    static let maxBytes = 64 * 1024 * 1024

    static func run(_ data: Data, into community: Community, authorID: UUID, organisationID: UUID?, now: Date,
                    on db: any Database) async throws -> Summary {
        // The values' rows are written while the rest of the bundle is still being read, in one transaction;
        // each report and its links after, in a transaction of its own.
        let (parts, sink) = AsyncStream.makeStream(of: [StixReader.Indicator].self)
        // On a thread of its own: reading blocks while its parts run on all cores, and on one of the few threads
        // that run tasks it kept the writing below from starting until the reading was nearly done.
        let reading = Task { () -> Swift.Result<StixReader.Result, StixReader.Failure> in
            await withCheckedContinuation { done in
                Thread {
                    let result = StixReader.read(data, onIndicators: { sink.yield($0) })
                    sink.finish()
                    done.resume(returning: result)
                }.start()
            }
        }
        let stored: (ids: [IndicatorValue: UUID], created: [UUID])
        do {
            stored = try await db.transaction { tx in
                if data.count > 1 << 20 { try await prepareForLargeWrites(tx) }
                var ids: [IndicatorValue: UUID] = [:], created: [UUID] = []
                for await part in parts {
                    let (more, made) = try await IndicatorLinks.ensure(part.flatMap(\.values).filter { ids[$0] == nil }, at: now, on: tx)
                    ids.merge(more) { old, _ in old }
                    created += made
                }
                return (ids, created)
            }
        } catch {
            _ = await reading.value
            throw error
        }
        let read: StixReader.Result
        switch await reading.value {
        case .success(let r): read = r
        case .failure(.notJSON(let why)): throw Abort(.badRequest, reason: "This is not a JSON document: \(why).")
        case .failure(.notStix(let why)): throw Abort(.unprocessableEntity, reason: "This is not a STIX bundle: \(why).")
        }
        var summary = Summary()
        summary.skipped = read.skipped.map { .init(id: $0.id, type: $0.type, reason: $0.reason) }
        summary.errors = read.errors.map { .init(id: $0.ref, type: nil, reason: $0.reason) }
        let communityID = try community.requireID()
        // Which indicators go with which report: those it names, unless their own marking is stricter.
        // By position, so that 100,000 indicators are not copied into a dictionary.
        var position: [String: Int] = [:]
        position.reserveCapacity(read.indicators.count)
        for (n, indicator) in read.indicators.enumerated() where position[indicator.stixID] == nil { position[indicator.stixID] = n }
        var assigned = [Bool](repeating: false, count: read.indicators.count)
        var plans: [(StixReader.Report, [IndicatorValue])] = []
        for report in read.reports {
            var values: [IndicatorValue] = []
            values.reserveCapacity(report.objectRefs.count)
            for ref in report.objectRefs {
                guard let n = position[ref], read.indicators[n].tlp <= report.tlp else { continue }
                values += read.indicators[n].values
                assigned[n] = true
            }
            plans.append((report, values))
        }
        // The rest, one report per marking, named after the bundle so that a re-import finds it again.
        let loose = read.indicators.indices.filter { !assigned[$0] }.map { read.indicators[$0] }
        let source = read.bundleID ?? SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
        for tlp in TLP.allCases {
            let group = loose.filter { $0.tlp == tlp }
            guard !group.isEmpty else { continue }
            let modified = group.compactMap(\.modified).max()
            plans.append((StixReader.Report(stixID: "report--" + stableUUID("\(source)|\(tlp.rawValue)").uuidString.lowercased(),
                                            name: "Indicators imported from \(source)", description: "Indicators from a STIX bundle that no report in it named.",
                                            kind: "advisory", created: modified, modified: modified, tlp: tlp, objectRefs: group.map(\.stixID)),
                          group.flatMap(\.values)))
        }
        for (plan, values) in plans {
            enum Outcome: Sendable { case created, updated, unchanged }
            do {
                let outcome: Outcome = try await db.transaction { tx in
                    if values.count > 5_000 { try await prepareForLargeWrites(tx) }
                    if let existing = try await ThreatReport.query(on: tx).filter(\.$community.$id == communityID)
                        .filter(\.$stixID == plan.stixID).first() {
                        let incoming = plan.modified ?? now
                        // Databases keep microseconds at best: a millisecond apart is the same version.
                        guard incoming.timeIntervalSince(existing.modifiedAt) >= 0.001 else { return .unchanged }
                        apply(plan, to: existing, now: now)
                        existing.modifiedAt = incoming
                        try await existing.update(on: tx)
                        try await IndicatorLinks.link(values, to: existing.requireID(), at: now, on: tx, known: stored.ids)
                        try await SearchIndex.put(report: existing, on: tx)
                        return .updated
                    } else {
                        let report = ThreatReport()
                        report.id = UUID()
                        report.$community.id = communityID
                        report.$author.id = authorID
                        report.$organisation.id = organisationID
                        report.anonymous = false
                        report.status = ThreatReport.Status.open
                        report.stixID = plan.stixID
                        report.createdAt = plan.created ?? now
                        report.modifiedAt = plan.modified ?? now
                        apply(plan, to: report, now: now)
                        try await report.create(on: tx)
                        try await IndicatorLinks.link(values, to: report.requireID(), at: now, on: tx, known: stored.ids)
                        try await SearchIndex.put(report: report, on: tx)
                        return .created
                    }
                }
                switch outcome {
                case .created: summary.reportsCreated += 1; summary.indicators += values.count
                case .updated: summary.reportsUpdated += 1; summary.indicators += values.count
                case .unchanged: summary.reportsUnchanged += 1
                }
            } catch {
                summary.errors.append(.init(id: plan.stixID, type: "report", reason: "could not be saved: \(String(describing: error).prefix(200))"))
            }
        }
        // Values stored for a report that was not saved, or that was already there unchanged, go again.
        if summary.reportsCreated + summary.reportsUpdated < plans.count { try await IndicatorLinks.removeUnlinked(stored.created, on: db) }
        if summary.reportsCreated + summary.reportsUpdated > 0 { try await ThreatDataVersion.bump(on: db) }
        return summary
    }

    /// Large imports touch many index pages: SQLite's default 8 MB page cache made it spill to disk, and each
    /// multi-row insert's statement journal went to a temporary file. (Set on the connection the transaction
    /// holds, which may differ from one transaction to the next.)
    static func prepareForLargeWrites(_ tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -131072").run()
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
    }

    static func apply(_ plan: StixReader.Report, to report: ThreatReport, now: Date) {
        report.kind = ThreatReport.Kind(rawValue: plan.kind) ?? .advisory  // the reader names only these kinds; advisory is its own default
        report.title = String(plan.name.prefix(200))
        let description = plan.description.trimmingWhitespace()
        report.summary = description.isEmpty ? plan.name : String(description.prefix(2_000))
        report.narrative = description.count > 2_000 ? String(description.prefix(ReportActions.maxNarrative)) : ""
        report.whatHappened = ""
        report.impact = ""
        report.whatHelped = ""
        report.tlp = plan.tlp
    }

    /// A UUID derived from `text`, the same every time. STIX asks SDOs and SROs for version-4 ids
    /// ("random"): a hash is as unpredictable, so those pass `version: 4`.
    static func stableUUID(_ text: String, version: UInt8 = 5) -> UUID {
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | (version << 4)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
