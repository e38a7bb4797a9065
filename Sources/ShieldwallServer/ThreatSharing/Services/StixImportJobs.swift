import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShieldwallCore
import SQLKit
import Vapor

/// Bundles larger than the configured inline size are not imported while the client waits (issue #32): the API
/// and TAXII answer `202 Accepted` with a TAXII status that says `pending`, and a background job imports the
/// bundle and completes the status with what was taken and what failed, object by object. Several instances may
/// run the job at once: each bundle is claimed by one conditional UPDATE; a claim older than `lease` (a process
/// that died part-way) is taken over, and a bundle whose import failed `maxAttempts` times is given up.
enum StixImportJobs {
    static let lease: TimeInterval = 10 * 60
    static let maxAttempts = 3

    struct Owner: Sendable {
        let personID: UUID
        let organisationID: UUID?
    }

    /// Keeps the bundle and a pending status, in one transaction; answers the status and its id.
    static func enqueue(_ data: Data, objectIDs: [String], into communityID: UUID, by owner: Owner, now: Date,
                        on db: any Database) async throws -> (id: UUID, status: [String: Any]) {
        let id = UUID()
        let status = body(id: id, requested: now, total: objectIDs.count, successes: [], failures: [], pending: objectIDs.count)
        let statusText = try text(status)
        try await db.transaction { tx in
            try await StixImportJob(id: id, communityID: communityID, personID: owner.personID, organisationID: owner.organisationID,
                                    bundle: data, createdAt: now).create(on: tx)
            try await TaxiiStatus(id: id, personID: owner.personID, body: statusText, createdAt: now).create(on: tx)
        }
        return (id, status)
    }

    /// A bundle over the inline size, handed to the job once it is known to be one: refused at once (naming why) when
    /// it is not JSON or not STIX, so nothing waits that cannot be imported.
    static func handOver(_ data: Data, into community: Community, by owner: Owner, now: Date, app: Application,
                         on db: any Database) async throws -> (id: UUID, status: [String: Any]) {
        let ids: [String]
        switch StixReader.objectIDs(data) {
        case .success(let found): ids = found
        case .failure(.notJSON(let why)): throw Refusal(.badRequest, "stix.error.not-json", ["detail": why])
        case .failure(.notStix(let why)): throw Refusal(.unprocessableEntity, "stix.error.not-stix", ["detail": why])
        }
        let job = try await enqueue(data, objectIDs: ids, into: try community.requireID(), by: owner, now: now, on: db)
        StixImportWorker.wake(app)
        return job
    }

    /// A TAXII 2.1 status resource.
    static func body(id: UUID, requested: Date, total: Int, successes: [String], failures: [(id: String, message: String)],
                     pending: Int) -> [String: Any] {
        [
            "id": id.uuidString.lowercased(), "status": pending > 0 ? "pending" : "complete", "request_timestamp": StixBundle.timestamp(requested),
            "total_count": total, "success_count": successes.count, "failure_count": failures.count, "pending_count": pending,
            "successes": successes.map { ["id": $0] }, "failures": failures.map { ["id": $0.id, "message": $0.message] },
        ]
    }

    /// The status once `summary` is known: every object not named as skipped or failed was taken.
    static func completed(id: UUID, requested: Date, objectIDs: [String], summary: StixImporter.Summary) -> [String: Any] {
        let failed = Dictionary((summary.errors + summary.skipped).map { ($0.id, $0.reason) }, uniquingKeysWith: { a, _ in a })
        return body(id: id, requested: requested, total: objectIDs.count, successes: objectIDs.filter { failed[$0] == nil },
                    failures: failed.sorted { $0.key < $1.key }.map { (id: $0.key, message: $0.value) }, pending: 0)
    }

    static func text(_ status: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: status, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Imports every waiting bundle, one at a time; answers how many it finished. A bundle whose import fails
    /// does not hold up the others: it stays claimed until its claim lapses, and the first failure is thrown at the end.
    /// `proceed` is asked before each claim: a stopping process finishes the bundle under way and claims no more.
    @discardableResult
    static func runPending(_ ctx: ActionContext, while proceed: () -> Bool = { true }) async throws -> Int {
        var done = 0, failure: (any Error)?
        while proceed(), let job = try await claimNext(ctx) {
            do {
                try await run(job, ctx)
                done += 1
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return done
    }

    /// The oldest bundle nobody is importing, claimed for this process, or nil.
    static func claimNext(_ ctx: ActionContext) async throws -> StixImportJob? {
        guard let sql = ctx.db as? any SQLDatabase else { return nil }
        let stale = ctx.now.addingTimeInterval(-lease)
        let candidates = try await StixImportJob.query(on: ctx.db).field(\.$id).field(\.$state).field(\.$claimedAt)
            .group(.or) { $0.filter(\.$state == .pending).filter(\.$claimedAt < stale) }
            .sort(\.$createdAt).limit(10).all()
        for candidate in candidates {
            guard let id = candidate.id else { continue }
            var claim = sql.update(StixImportJob.schema).set("state", to: SQLBind(StixImportJob.State.running.rawValue))
                .set("claimed_at", to: SQLBind(ctx.now)).set("attempts", to: SQLRaw("attempts + 1")).where("id", .equal, SQLBind(id))
            if let claimedAt = candidate.claimedAt {
                claim = claim.where("claimed_at", .equal, SQLBind(claimedAt))
            } else {
                claim = claim.where("claimed_at", .is, SQLLiteral.null)
            }
            guard !(try await claim.returning("id").all()).isEmpty else { continue }
            return try await StixImportJob.find(id, on: ctx.db)
        }
        return nil
    }

    /// Imports one claimed bundle and completes its status. A failure leaves the claim to lapse and be tried
    /// again, up to `maxAttempts`; then every object is listed as failed with the reason.
    static func run(_ job: StixImportJob, _ ctx: ActionContext) async throws {
        let id = try job.requireID()
        let english = ctx.services.catalogues.localiser(for: CatalogueSet.baseLanguage)
        let objectIDs = (try? StixReader.objectIDs(job.bundle).get()) ?? []
        let requested = job.createdAt
        let status: [String: Any]
        do {
            guard let community = try await Community.find(job.$community.id, on: ctx.db) else { throw Abort(.notFound) }
            let summary = try await StixImporter.run(job.bundle, into: community, authorID: job.$person.id, organisationID: job.$organisation.id,
                                                     now: ctx.now, localiser: english, on: ctx.db)
            status = completed(id: id, requested: requested, objectIDs: objectIDs, summary: summary)
        } catch {
            guard job.attempts >= maxAttempts else { throw error }
            let reason = (error as? Refusal).map { english.text($0.key, $0.values) } ?? String(String(describing: error).prefix(200))
            status = body(id: id, requested: requested, total: objectIDs.count, successes: [],
                          failures: objectIDs.map { (id: $0, message: reason) }, pending: 0)
        }
        let text = try text(status)
        try await ctx.db.transaction { tx in
            try await TaxiiStatus.query(on: tx).filter(\.$id == id).set(\.$body, to: text).update()
            try await StixImportJob.query(on: tx).filter(\.$id == id).delete()
        }
    }
}

/// Runs the background imports inside `serve` as soon as a bundle is handed over (the scheduled round picks up
/// what a stopped process left). Not started in tests or one-off commands, which call `runPending` themselves.
final class StixImportWorker: LifecycleHandler, Sendable {
    private struct Key: StorageKey { typealias Value = StixImportWorker }
    private let wakes: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private let stopping = NIOLockedValueBox(false)

    init() { (wakes, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1)) }

    /// Tells the worker of `app`, if it runs, that a bundle waits.
    static func wake(_ app: Application) { app.storage[Key.self]?.continuation.yield() }

    func didBootAsync(_ app: Application) async throws {
        app.storage[Key.self] = self
        continuation.yield()
        loop.withLockedValue { $0 = Task { [wakes] in
            for await _ in wakes {
                do { try await StixImportJobs.runPending(ActionContext(app), while: { [stopping] in !stopping.withLockedValue { $0 } }) } catch {
                    app.logger.error("background STIX import failed: \(String(describing: error))")
                }
            }
        } }
    }

    /// Like a request under way, an import under way is finished before the process stops (the database closes
    /// after the lifecycle handlers); no further bundle is claimed, so what waits is left for the next process.
    func shutdownAsync(_ app: Application) async {
        stopping.withLockedValue { $0 = true }
        continuation.finish()
        await loop.withLockedValue { $0 }?.value
    }
}
