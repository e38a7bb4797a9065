import Fluent
import SQLKit
import Foundation
import ShieldwallCore
import Vapor

/// Imports a STIX bundle into one community as reports and indicators, all or nothing: the values, the reports
/// and their links are written in one transaction, so a process killed part-way leaves the database as it was
/// (issue #34; `scripts/check-kill-safety`). A report that cannot be saved is rolled back alone, to a savepoint,
/// and listed as an error while the rest is imported. Re-importing the same bundle changes nothing (the STIX id
/// is kept, a newer `modified` wins). One transaction holds a million indicators on both engines (SQLite keeps
/// them in its write-ahead log, PostgreSQL in the table with its own visibility), so no staging table is needed.
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

        /// One line for people: "2 report(s) created, …".
        func text(_ localiser: Localiser) -> String {
            localiser.text("stix.import.summary", ["created": String(reportsCreated), "updated": String(reportsUpdated),
                                                   "unchanged": String(reportsUnchanged), "indicators": String(indicators),
                                                   "skipped": String(skipped.count), "errors": String(errors.count)])
        }
    }

    /// The largest bundle a request may carry (the default body limit is 16 KB; only the import routes raise it).
    static let maxBytes = 64 * 1024 * 1024

    /// Imports `data` into `community`; `localiser` words what the summary says went wrong; `looseTitle` titles the
    /// reports of indicators no report named.
    static func run(_ data: Data, into community: Community, authorID: UUID, organisationID: UUID?, now: Date,
                    localiser: Localiser, looseTitle: String? = nil, on db: any Database) async throws -> Summary {
        let communityID = try community.requireID()
        return try await db.transaction { tx in
            if data.count > 256 << 10 { try await prepareForLargeWrites(tx) }
            let (read, stored) = try await readAndStoreValues(data, at: now, on: tx)
            var summary = Summary()
            summary.skipped = read.skipped.map { .init(id: $0.id, type: $0.type, reason: $0.reason) }
            summary.errors = read.errors.map { .init(id: $0.ref, type: nil, reason: $0.reason) }
            let plan = StixImportPlan(read, source: StixImportPlan.source(of: read, data: data), looseTitle: looseTitle)
            let target = Target(communityID: communityID, authorID: authorID, organisationID: organisationID, now: now, known: stored.ids)
            for entry in plan.entries {
                do {
                    switch try await savepoint(tx, { try await save(entry, into: target, on: tx) }) {
                    case .created: summary.reportsCreated += 1; summary.indicators += entry.values.count
                    case .updated: summary.reportsUpdated += 1; summary.indicators += entry.values.count
                    case .unchanged: summary.reportsUnchanged += 1
                    }
                } catch {
                    summary.errors.append(.init(id: entry.report.stixID, type: "report",
                                                reason: localiser.text("stix.error.not-saved", ["detail": String(String(describing: error).prefix(200))])))
                }
                CrashPoint.pass("stix-report")
            }
            // Values stored for a report that was not saved, or that was already there unchanged, go again.
            if summary.reportsCreated + summary.reportsUpdated < plan.entries.count { try await IndicatorLinks.removeUnlinked(stored.created, on: tx) }
            if summary.reportsCreated + summary.reportsUpdated > 0 { try await ThreatDataVersion.bump(on: tx) }
            return summary
        }
    }

    /// Runs `body` so that when it fails, what it wrote is undone and the transaction goes on (PostgreSQL
    /// refuses every statement after a failed one until then).
    private static func savepoint<T: Sendable>(_ tx: any Database, _ body: () async throws -> T) async throws -> T {
        guard let sql = tx as? any SQLDatabase else { return try await body() }
        try await sql.raw("SAVEPOINT stix_report").run()
        do {
            let result = try await body()
            try await sql.raw("RELEASE SAVEPOINT stix_report").run()
            return result
        } catch {
            try await sql.raw("ROLLBACK TO SAVEPOINT stix_report").run()
            try await sql.raw("RELEASE SAVEPOINT stix_report").run()
            throw error
        }
    }

    /// Reads the bundle and stores its indicator values (in the import's transaction, `tx`) while the rest is
    /// still being read. Answers the reading and the values' rows: every id, and those this import created.
    private static func readAndStoreValues(_ data: Data, at now: Date, on tx: any Database) async throws
        -> (StixReader.Result, (ids: [IndicatorValue: UUID], created: [UUID])) {
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
            var ids: [IndicatorValue: UUID] = [:], created: [UUID] = []
            for await part in parts {
                let (more, made) = try await IndicatorLinks.ensure(part.flatMap(\.values).filter { ids[$0] == nil }, at: now, on: tx)
                ids.merge(more) { old, _ in old }
                created += made
                CrashPoint.pass("stix-values")
            }
            stored = (ids, created)
        } catch {
            _ = await reading.value
            throw error
        }
        switch await reading.value {
        case .success(let read): return (read, stored)
        case .failure(.notJSON(let why)): throw Refusal(.badRequest, "stix.error.not-json", ["detail": why])
        case .failure(.notStix(let why)): throw Refusal(.unprocessableEntity, "stix.error.not-stix", ["detail": why])
        }
    }

    /// Where the reports go and who they are from.
    private struct Target: Sendable {
        let communityID: UUID
        let authorID: UUID
        let organisationID: UUID?
        let now: Date
        /// The values' rows, stored before the reports.
        let known: [IndicatorValue: UUID]
    }

    private enum Outcome: Sendable { case created, updated, unchanged }

    /// One report and its links, in the import's transaction `tx`: a newer `modified` replaces the stored version.
    private static func save(_ entry: StixImportPlan.Entry, into target: Target, on tx: any Database) async throws -> Outcome {
        let plan = entry.report, values = entry.values, now = target.now
        if let existing = try await ThreatReport.query(on: tx).filter(\.$community.$id == target.communityID)
            .filter(\.$stixID == plan.stixID).first() {
            let incoming = plan.modified ?? now
            // Databases keep microseconds at best: a millisecond apart is the same version.
            guard incoming.timeIntervalSince(existing.modifiedAt) >= 0.001 else { return .unchanged }
            apply(plan, to: existing)
            existing.modifiedAt = incoming
            existing.addedAt = now
            try await existing.update(on: tx)
            try await IndicatorLinks.link(values, to: existing.requireID(), at: now, on: tx, known: target.known)
            try await SearchIndex.put(report: existing, on: tx)
            return .updated
        }
        let report = ThreatReport()
        report.id = UUID()
        report.$community.id = target.communityID
        report.$author.id = target.authorID
        report.$organisation.id = target.organisationID
        report.anonymous = false
        report.status = ThreatReport.Status.open
        report.stixID = plan.stixID
        report.createdAt = plan.created ?? now
        report.modifiedAt = plan.modified ?? now
        report.addedAt = now
        apply(plan, to: report)
        try await report.create(on: tx)
        try await IndicatorLinks.link(values, to: report.requireID(), at: now, on: tx, known: target.known)
        try await SearchIndex.put(report: report, on: tx)
        return .created
    }

    /// Large imports touch many index pages: SQLite's default 8 MB page cache made it spill to disk, and each
    /// multi-row insert's statement journal went to a temporary file. (Set on the connection the import's
    /// transaction holds.)
    static func prepareForLargeWrites(_ tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -131072").run()
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
    }

    static func apply(_ plan: StixReader.Report, to report: ThreatReport) {
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
}
