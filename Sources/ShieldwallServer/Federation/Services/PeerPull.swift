import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import SQLKit
import ShieldwallCore
import Vapor

/// One GET to a peer's TAXII server (the tests answer from memory).
protocol TaxiiFetcher: Sendable {
    func get(_ url: String, headers: [(String, String)]) async throws -> TaxiiAnswer
}

struct TaxiiAnswer: Sendable {
    let status: Int
    /// By lower-case name.
    let headers: [String: String]
    let body: Data
}

/// Over HTTP, with a time limit and a size limit on each answer (a peer cannot fill the memory).
struct HTTPTaxiiFetcher: TaxiiFetcher {
    let client: HTTPClient

    func get(_ url: String, headers: [(String, String)]) async throws -> TaxiiAnswer {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: StixImporter.maxBytes)
        var found: [String: String] = [:]
        for (name, value) in response.headers { found[name.lowercased()] = value }
        return TaxiiAnswer(status: Int(response.status.code), headers: found, body: Data(buffer: body))
    }
}

/// Pulls peers over TAXII 2.1 (issue #31): each collection from its `added_after` cursor, following `next`, sorted by
/// `PulledObjects` under the marking rules, imported through the STIX importer into the peer's community with the
/// cursor and provenance in one transaction — so a peer that is down, refuses or answers garbage changes nothing
/// here but its health. Revoked indicators and reports retract the copies that came from that peer.
enum PeerPull {
    /// A pull that claimed a peer and died is taken over after this long.
    static let lease: TimeInterval = 15 * 60
    static let pageLimit = 1_000, maxPages = 200

    /// What went wrong, as a catalogue key and its values (kept on the peer, worded for whoever reads it).
    struct Problem: Error, Codable, Sendable, Equatable {
        let key: String
        var values: [String: String] = [:]
        var retryAfter: TimeInterval?

        var text: String { (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? key }
        static func read(_ text: String) -> Problem { (try? JSONDecoder().decode(Problem.self, from: Data(text.utf8))) ?? Problem(key: text) }
    }

    struct Outcome: Sendable, Equatable {
        var objects = 0
        var withheld = 0
        var retracted = 0
        var reportsRemoved = 0
        var problems = 0
    }

    /// Pulls each peer that is due and not paused, one process at a time; answers how many were pulled.
    @discardableResult
    static func runDue(_ ctx: ActionContext, fetcher: any TaxiiFetcher) async throws -> Int {
        let due = try await FederationPeer.query(on: ctx.db).filter(\.$paused == false).filter(\.$nextPullAt <= ctx.now)
            .with(\.$community).all()
        var pulled = 0
        for peer in due where try await claim(peer, ctx) {
            _ = await pull(peer, ctx: ctx, fetcher: fetcher)
            pulled += 1
        }
        return pulled
    }

    /// One conditional UPDATE: only one process gets the peer; a claim older than `lease` is taken over.
    static func claim(_ peer: FederationPeer, _ ctx: ActionContext) async throws -> Bool {
        guard let sql = ctx.db as? any SQLDatabase, let id = peer.id else { return false }
        var claim = sql.update(FederationPeer.schema).set("claimed_at", to: SQLBind(ctx.now)).where("id", .equal, SQLBind(id))
        if let claimedAt = peer.claimedAt {
            guard claimedAt < ctx.now.addingTimeInterval(-lease) else { return false }
            claim = claim.where("claimed_at", .equal, SQLBind(claimedAt))
        } else {
            claim = claim.where("claimed_at", .is, SQLLiteral.null)
        }
        return !(try await claim.returning("id").all()).isEmpty
    }

    /// Pulls every collection of `peer` now and records how it went on the peer; never throws.
    static func pull(_ peer: FederationPeer, ctx: ActionContext, fetcher: any TaxiiFetcher) async -> Result<Outcome, Problem> {
        var outcome = Outcome()
        let result: Result<Outcome, Problem>
        do {
            let headers = try authorization(peer, ctx)
            let collections = peer.collections.isEmpty ? try await discover(peer, headers: headers, fetcher: fetcher, now: ctx.now) : peer.collections
            for collection in collections {
                let pulled = try await read(collection, of: peer, headers: headers, ctx: ctx, fetcher: fetcher)
                try await store(pulled.objects, cursor: pulled.cursor, collection: collection, of: peer, ctx: ctx, into: &outcome)
            }
            result = .success(outcome)
        } catch let problem as Problem {
            result = .failure(problem)
        } catch {
            result = .failure(Problem(key: "federation.pull.failed", values: ["detail": String(String(describing: error).prefix(300))]))
        }
        do { try await record(result, on: peer, ctx: ctx) } catch {
            Logger(label: "shieldwall.federation").error("peer \(peer.name): health not saved: \(String(describing: error))")
        }
        return result
    }

    static func authorization(_ peer: FederationPeer, _ ctx: ActionContext) throws -> [(String, String)] {
        var headers = [("Accept", "application/taxii+json;version=2.1")]
        guard let sealed = peer.secretSealed else { return headers }
        guard let key = ctx.services.configuration.federationKey else { throw Problem(key: "federation.pull.no-key") }
        guard let secret = try? key.open(sealed) else { throw Problem(key: "federation.pull.cannot-open") }
        if let user = peer.username {
            headers.append(("Authorization", "Basic " + Data("\(user):\(secret)".utf8).base64EncodedString()))
        } else {
            headers.append(("Authorization", "Bearer " + secret))
        }
        return headers
    }

    /// What a collection id may be made of here (TAXII ids are UUIDs; other servers use short names).
    static func isCollectionID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// A peer added without collections is pulled from every collection its account may read, listed anew each time.
    static func discover(_ peer: FederationPeer, headers: [(String, String)], fetcher: any TaxiiFetcher, now: Date) async throws -> [String] {
        let answer: TaxiiAnswer
        do { answer = try await fetcher.get(peer.apiRoot + "collections/", headers: headers) } catch {
            throw Problem(key: "federation.pull.unreachable", values: ["detail": String(String(describing: error).prefix(200))])
        }
        if answer.status == 404 { throw Problem(key: "federation.pull.no-collections", values: ["detail": "HTTP 404: is the API root right?"]) }
        try check(answer, collection: "", now: now)
        guard let list = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any] else {
            throw Problem(key: "federation.pull.no-collections", values: ["detail": "not a JSON object"])
        }
        guard let collections = (list["collections"] ?? []) as? [[String: Any]] else {
            throw Problem(key: "federation.pull.no-collections", values: ["detail": "'collections' is not a list of objects"])
        }
        return collections.filter { $0["can_read"] as? Bool ?? true }.compactMap { $0["id"] as? String }.filter(isCollectionID).prefix(50).map { $0 }
    }

    /// One collection's new objects, page after page, and the cursor after them.
    static func read(_ collection: String, of peer: FederationPeer, headers: [(String, String)], ctx: ActionContext,
                     fetcher: any TaxiiFetcher) async throws -> (objects: PulledObjects, cursor: Date?) {
        let peerID = try peer.requireID()
        let stored = try await FederationCursor.query(on: ctx.db).filter(\.$peer.$id == peerID).filter(\.$collectionID == collection).first()
        var cursor = stored?.addedAfter
        var all = PulledObjects(), next: String?, bytes = 0
        for _ in 0..<maxPages {
            var query = ["limit=\(pageLimit)"]
            if let after = stored?.addedAfter { query.append("added_after=" + encode(StixBundle.timestamp(after))) }
            if let next { query.append("next=" + encode(next)) }
            let url = peer.apiRoot + "collections/" + encode(collection) + "/objects/?" + query.joined(separator: "&")
            let answer: TaxiiAnswer
            do { answer = try await fetcher.get(url, headers: headers) } catch {
                throw Problem(key: "federation.pull.unreachable", values: ["detail": String(String(describing: error).prefix(200))])
            }
            try check(answer, collection: collection, now: ctx.now)
            let page: PulledObjects
            do { page = try PulledObjects.read(answer.body, highest: peer.highestTLP, amberAgreed: peer.amberAgreed) } catch {
                throw Problem(key: "federation.pull.garbage", values: ["detail": String(describing: error)])
            }
            all.append(page)
            bytes += answer.body.count
            if let last = answer.headers["x-taxii-date-added-last"].flatMap(StixReader.parseDate) { cursor = max(cursor ?? last, last) }
            // A server that pages without `next` is read on from the last date it gave.
            guard page.more, bytes < StixImporter.maxBytes, let token = page.next ?? nil else { break }
            next = token
        }
        return (all, cursor)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// Turns an answer that is not a page of objects into the problem it shows.
    static func check(_ answer: TaxiiAnswer, collection: String, now: Date) throws {
        switch answer.status {
        case 200: return
        case 401, 403: throw Problem(key: "federation.pull.refused", values: ["status": String(answer.status)])
        case 404: throw Problem(key: "federation.pull.no-collection", values: ["collection": collection])
        case 429, 503:
            throw Problem(key: "federation.pull.busy", values: ["status": String(answer.status)],
                          retryAfter: PullSchedule.retryAfter(answer.headers["retry-after"], now: now))
        default:
            let said = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["description"] as? String
            throw Problem(key: "federation.pull.status", values: ["status": String(answer.status), "detail": String((said ?? "").prefix(200))])
        }
    }

    /// Imports one collection's objects and applies its revocations, with its cursor and provenance, all or nothing.
    static func store(_ pulled: PulledObjects, cursor: Date?, collection: String, of peer: FederationPeer, ctx: ActionContext,
                      into outcome: inout Outcome) async throws {
        let peerID = try peer.requireID()
        let english = ctx.services.catalogues.localiser(for: CatalogueSet.baseLanguage)
        let bundleID = "bundle--" + StableUUID.make("federation|\(peerID)|\(collection)", version: 4).uuidString.lowercased()
        let change = try await ctx.db.transaction { tx -> FederatedImport.Change in
            let change = try await FederatedImport.store(pulled, from: .pulled(peer), collection: collection, bundleID: bundleID,
                                                         looseTitle: "Indicators shared by \(peer.name) (collection \(collection))",
                                                         localiser: english, now: ctx.now, on: tx)
            if let cursor {
                let row = try await FederationCursor.query(on: tx).filter(\.$peer.$id == peerID).filter(\.$collectionID == collection).first()
                    ?? FederationCursor()
                row.$peer.id = peerID
                row.collectionID = collection
                row.addedAfter = cursor
                try await row.save(on: tx)
            }
            return change
        }
        outcome.objects += change.objects
        outcome.withheld += pulled.withheld.values.reduce(0, +)
        outcome.retracted += change.retracted
        outcome.reportsRemoved += change.reportsRemoved
        outcome.problems += change.summary.errors.count + change.summary.skipped.count
    }

    /// The peer's health after a pull, and when it is pulled next.
    static func record(_ result: Result<Outcome, Problem>, on peer: FederationPeer, ctx: ActionContext) async throws {
        peer.lastAttemptAt = ctx.now
        peer.claimedAt = nil
        switch result {
        case .success(let outcome):
            peer.lastSuccessAt = ctx.now
            peer.lastError = outcome.problems > 0 ? Problem(key: "federation.pull.some-objects", values: ["n": String(outcome.problems)]).text : nil
            peer.failures = 0
            peer.objectsPulled += outcome.objects
            peer.lastObjects = outcome.objects
            peer.lastWithheld = outcome.withheld
            peer.nextPullAt = PullSchedule.next(after: ctx.now, intervalMinutes: peer.intervalMinutes, failures: 0)
        case .failure(let problem):
            peer.lastError = problem.text
            peer.failures += 1
            peer.nextPullAt = PullSchedule.next(after: ctx.now, intervalMinutes: peer.intervalMinutes, failures: peer.failures,
                                                retryAfter: problem.retryAfter)
        }
        try await peer.update(on: ctx.db)
    }
}
