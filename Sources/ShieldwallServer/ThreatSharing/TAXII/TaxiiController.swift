import Fluent
import Foundation
import ShieldwallCore
import Vapor

enum Taxii {
    static let mediaType = "application/taxii+json;version=2.1"
    static let stixMediaType = "application/stix+json;version=2.1"
    static let defaultLimit = 100, maximumLimit = 1_000
    static let green = StableUUID.make("taxii-collection|green")
    static let clear = StableUUID.make("taxii-collection|clear")
}

/// TAXII 2.1 (OASIS): discovery at `/taxii2/`, one API root at `/taxii2/api/`, a collection per community the
/// caller may read plus a GREEN and a CLEAR collection. What a collection holds is what the caller may see
/// (`ReportScope`) and what their own token may carry (never TLP:RED).
struct TaxiiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let root = routes.grouped(TaxiiAuthMiddleware())
        root.get(TaxiiURL.discovery, use: discovery)
        root.get(TaxiiURL.apiRoot, use: apiRoot)
        root.get(TaxiiURL.collections, use: collections)
        root.get(TaxiiURL.collection, use: collection)
        root.get(TaxiiURL.objects, use: objects)
        root.post(TaxiiURL.objects, bodyLimit: StixImporter.maxBytes, use: add)
        root.get(TaxiiURL.object, use: object)
        root.get(TaxiiURL.objectVersions, use: versions)
        root.get(TaxiiURL.manifest, use: manifest)
        root.get(TaxiiURL.status, use: status)
    }

    static func json(_ body: [String: Any], status: HTTPStatus = .ok, headers extra: [(String, String)] = []) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: Taxii.mediaType)
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(status: status, headers: headers, body: .init(data: data))
    }

    /// A page of objects or a manifest: written by `JSONText`, a thousand objects at a time.
    static func json(_ body: JSONText, headers extra: [(String, String)]) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: Taxii.mediaType)
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: body.bytes)))
    }

    /// Runs a handler and answers every failure as a TAXII error message.
    static func guarded(_ req: Request, _ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch let e as TaxiiError { return e.response() } catch let abort as AbortError {
            return TaxiiError(abort.status, abort.message(req.localiser)).response()
        } catch {
            return TaxiiError(.internalServerError, "The server could not answer this request.").response()
        }
    }

    @Sendable func discovery(req: Request) async -> Response {
        // TAXII addresses end in a slash (TAXII 2.1 section 1.6.4).
        let root = req.shieldwall.configuration.baseURL + TaxiiURL.apiRoot.path + "/"
        return Self.json(["title": "Shieldwall", "description": "Threat intelligence shared in this instance's communities of support.",
                          "default": root, "api_roots": [root]])
    }

    @Sendable func apiRoot(req: Request) async -> Response {
        Self.json(["title": "Shieldwall communities", "versions": [Taxii.mediaType], "max_content_length": StixImporter.maxBytes])
    }

    struct Collection: Sendable {
        let id: UUID
        let title: String
        let description: String
        var canRead = true
        let canWrite: Bool
        /// The community, for community collections.
        let community: UUID?
        let tlp: TLP?

        var json: [String: Any] {
            ["id": id.uuidString.lowercased(), "title": title, "description": description, "can_read": canRead, "can_write": canWrite,
             "media_types": [Taxii.stixMediaType]]
        }
    }

    static func readable(_ req: Request) async throws -> (ReportScope, [Collection]) {
        let scope: ReportScope
        if let peer = req.taxiiPeer { scope = .peer(peer) } else { scope = try await ReportScope.of(try req.requireAPIPerson(), req) }
        let peer = scope.viewer.peerInstance
        var list: [Collection] = []
        let communities = try await Community.query(on: req.db).filter(\.$id ~~ Array(scope.viewer.contentCommunities)).sort(\.$name).all()
        let push = req.taxiiPeer?.push
        for c in communities {
            guard let id = c.id else { continue }
            list.append(Collection(id: id, title: c.name, description: "Shared in \(c.name) (no TLP:RED\(peer ? ", no TLP:AMBER+STRICT" : "")).",
                                   canWrite: (!peer || push?.community == id) && c.status == .active, community: id, tlp: nil))
        }
        // An instance that may push into a community whose TLP:AMBER it does not read writes to its collection only.
        if let push, !scope.viewer.contentCommunities.contains(push.community),
           let c = try await Community.find(push.community, on: req.db), c.status == .active {
            list.append(Collection(id: push.community, title: c.name, description: "Objects pushed into \(c.name), up to \(push.highest.label).",
                                   canRead: false, canWrite: true, community: push.community, tlp: nil))
        }
        if scope.viewer.isCommunityMember || peer {
            list.append(Collection(id: Taxii.green, title: "TLP:GREEN", description: "TLP:GREEN reports of every community on this instance.",
                                   canWrite: false, community: nil, tlp: .green))
        }
        list.append(Collection(id: Taxii.clear, title: "TLP:CLEAR", description: "TLP:CLEAR reports: may be shared with anyone.",
                               canWrite: false, community: nil, tlp: .clear))
        return (scope, list)
    }

    /// The collection in the address, among those the caller may read (`writing`: or write).
    static func find(_ req: Request, writing: Bool = false) async throws -> (ReportScope, Collection) {
        let (scope, list) = try await readable(req)
        guard let id = req.parameters.get(.collection).flatMap(UUID.init(uuidString:)), let found = list.first(where: { $0.id == id }) else {
            throw TaxiiError(.notFound, "There is no such collection, or you may not read it.")
        }
        guard found.canRead || writing else { throw TaxiiError(.forbidden, "You may add objects to this collection but not read it.") }
        return (scope, found)
    }

    @Sendable func collections(req: Request) async -> Response {
        await Self.guarded(req) {
            let (_, list) = try await Self.readable(req)
            return Self.json(["collections": list.map(\.json)])
        }
    }

    @Sendable func collection(req: Request) async -> Response {
        await Self.guarded(req) { Self.json(try await Self.find(req, writing: true).1.json) }
    }

    /// The collection's index (`TaxiiIndex`), built once per collection and holder while nothing that decides it
    /// has changed, so a client paging through it with `next` does not rebuild it for every page.
    static func index(_ req: Request, _ scope: ReportScope, _ c: Collection) async throws -> TaxiiIndex {
        let amberFrom = c.community.flatMap { req.taxiiPeer?.amberSince[$0] }
        let key = c.id.uuidString + "#" + scope.cacheKey + (amberFrom.map { "#\($0.timeIntervalSince1970)" } ?? "")
        return try await req.application.threatCaches.taxii.value(key, stamp: ThreatCaches.stamp(try await req.dataVersions()), now: req.now) {
            var query = scope.reports(on: req.db)
            if let community = c.community {
                let channel: ReportAccess.Channel = scope.viewer.peerInstance ? .peerInstance : .holdersOwnFeed
                query = query.filter(\.$community.$id == community).filter(\.$tlp ~~ TLP.allCases.filter { ReportAccess.mayCarry($0, on: channel) })
            } else if let tlp = c.tlp {
                query = query.filter(\.$tlp == tlp)
            }
            return try await TaxiiIndex.build(reports: try await query.sort(\.$createdAt).all(), scope: scope, amberFrom: amberFrom, now: req.now,
                                              on: req.db)
        }
    }

    struct Page {
        let index: TaxiiIndex
        let entries: [TaxiiIndex.Entry]
        let more: Bool
        let next: String?
    }

    /// `added_after`, `match[type]`, `match[id]`, `match[version]`, then `limit` and `next`.
    static func filtered(_ req: Request, _ index: TaxiiIndex, objectID: String? = nil) throws -> Page {
        var after: Date?
        if let text = req.query[String.self, at: "added_after"] {
            guard let date = StixReader.parseDate(text) else {
                throw TaxiiError(.badRequest, "'added_after' must be an RFC 3339 timestamp such as 2026-11-23T08:00:00.000Z.")
            }
            after = date
        }
        let types = Self.match(req, "type").map { Set($0.split(separator: ",").map { String($0) }) }
        var ids = Self.match(req, "id").map { Set($0.split(separator: ",").map { String($0) }) }
        if let objectID { ids = (ids ?? [objectID]).intersection([objectID]) }
        // Only one version of each object is kept: the latest.
        let versions = Self.match(req, "version").flatMap { ["first", "last", "all"].contains($0) ? nil : Set($0.split(separator: ",").map { String($0) }) }
        var limit = Taxii.defaultLimit
        if let text = req.query[String.self, at: "limit"] {
            guard let n = Int(text), n >= 1 else { throw TaxiiError(.badRequest, "'limit' must be a whole number of at least 1.") }
            limit = min(n, Taxii.maximumLimit)
        }
        var offset = 0
        if let next = req.query[String.self, at: "next"] {
            guard let data = Data(base64Encoded: next), let n = Int(String(decoding: data, as: UTF8.self)), n >= 0 else {
                throw TaxiiError(.badRequest, "'next' is not one this server gave out.")
            }
            offset = min(n, index.entries.count)  // past the end is an empty page; no sum with it can overflow
        }
        // Entries are in `date_added` order: the first one after `added_after` is found by halving.
        var start = 0
        if let after {
            var high = index.entries.count
            while start < high {
                let mid = (start + high) / 2
                if index.entries[mid].added > after { high = mid } else { start = mid + 1 }
            }
        }
        let wanted = ids.map(index.matcher)
        let next = { (more: Bool, count: Int) in more ? Data(String(offset + count).utf8).base64EncodedString() : nil }
        // Without a filter, the page is a slice: a client paging to the end does not walk what it has read.
        if types == nil, wanted == nil, versions == nil {
            let from = min(start + offset, index.entries.count), to = min(from + limit, index.entries.count)
            let more = to < index.entries.count
            return Page(index: index, entries: Array(index.entries[from..<to]), more: more, next: next(more, to - from))
        }
        var page: [TaxiiIndex.Entry] = []
        var matched = 0, more = false
        for e in index.entries[start...] {
            if let types, !types.contains(e.kind.stixType) { continue }
            if let wanted, !wanted(e) { continue }
            if let versions, !versions.contains(StixBundle.timestamp(e.version)) { continue }
            matched += 1
            if matched <= offset { continue }
            if page.count == limit { more = true; break }
            page.append(e)
        }
        return Page(index: index, entries: page, more: more, next: next(more, page.count))
    }

    /// `match[type]=…` (Vapor reads the brackets as a nested key).
    static func match(_ req: Request, _ field: String) -> String? {
        req.query[String.self, at: "match", field] ?? req.query[String.self, at: "match[\(field)]"]
    }

    static func dateHeaders(_ items: [TaxiiIndex.Entry]) -> [(String, String)] {
        guard let first = items.map(\.added).min(), let last = items.map(\.added).max() else { return [] }
        return [("X-TAXII-Date-Added-First", StixBundle.timestamp(first)), ("X-TAXII-Date-Added-Last", StixBundle.timestamp(last))]
    }

    @Sendable func objects(req: Request) async -> Response {
        await Self.guarded(req) {
            let (scope, c) = try await Self.find(req)
            let page = try Self.filtered(req, try await Self.index(req, scope, c))
            var body: [String: JSONText] = ["more": .bool(page.more)]
            if !page.entries.isEmpty { body["objects"] = .array(try await page.index.objects(page.entries, scope: scope, now: req.now, on: req.db)) }
            if let next = page.next { body["next"] = .string(next) }
            return Self.json(.object(body), headers: Self.dateHeaders(page.entries))
        }
    }

    @Sendable func object(req: Request) async -> Response {
        await Self.guarded(req) {
            let (scope, c) = try await Self.find(req)
            let id = req.parameters.get(.objectID) ?? ""
            let page = try Self.filtered(req, try await Self.index(req, scope, c), objectID: id)
            guard !page.entries.isEmpty else { throw TaxiiError(.notFound, "There is no object \(id.prefix(100)) in this collection.") }
            let objects = try await page.index.objects(page.entries, scope: scope, now: req.now, on: req.db)
            return Self.json(.object(["more": .bool(page.more), "objects": .array(objects)]), headers: Self.dateHeaders(page.entries))
        }
    }

    @Sendable func versions(req: Request) async -> Response {
        await Self.guarded(req) {
            let (scope, c) = try await Self.find(req)
            let id = req.parameters.get(.objectID) ?? ""
            let page = try Self.filtered(req, try await Self.index(req, scope, c), objectID: id)
            guard !page.entries.isEmpty else { throw TaxiiError(.notFound, "There is no object \(id.prefix(100)) in this collection.") }
            return Self.json(["more": false, "versions": page.entries.map { StixBundle.timestamp($0.version) }], headers: Self.dateHeaders(page.entries))
        }
    }

    @Sendable func manifest(req: Request) async -> Response {
        await Self.guarded(req) {
            let (scope, c) = try await Self.find(req)
            let page = try Self.filtered(req, try await Self.index(req, scope, c))
            var body: [String: JSONText] = ["more": .bool(page.more)]
            if !page.entries.isEmpty {
                body["objects"] = .array(page.entries.map {
                    .object(["id": .string(page.index.id($0)), "date_added": .string(StixBundle.timestamp($0.added)),
                             "version": .string(StixBundle.timestamp($0.version)), "media_type": .string(Taxii.stixMediaType)])
                })
            }
            if let next = page.next { body["next"] = .string(next) }
            return Self.json(.object(body), headers: Self.dateHeaders(page.entries))
        }
    }

    /// Adds an envelope of objects to a community collection (members who may take part, and other instances an
    /// operator let push there), answered with a status.
    @Sendable func add(req: Request) async -> Response {
        await Self.guarded(req) {
            let (_, c) = try await Self.find(req, writing: true)
            guard c.canWrite, let communityID = c.community, let community = try await Community.find(communityID, on: req.db) else {
                throw TaxiiError(.forbidden, req.taxiiPeer == nil ? "You cannot add objects to this collection."
                                 : "This reading account may not push into this collection.")
            }
            guard (req.headers.first(name: .contentType) ?? "").contains("application/taxii+json") else {
                throw TaxiiError(.unsupportedMediaType, "Send an envelope as application/taxii+json;version=2.1.")
            }
            guard let body = req.body.data,
                  let envelope = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] else {
                throw TaxiiError(.badRequest, "The body is not a JSON envelope.")
            }
            guard let objects = envelope["objects"] as? [Any] else { throw TaxiiError(.badRequest, "The envelope has no 'objects' list.") }
            let ids = objects.enumerated().map { n, o in ((o as? [String: Any])?["id"] as? String) ?? "objects[\(n)]" }
            if let peer = req.taxiiPeer {
                // Another instance's push is imported while it waits: its provenance is written with the reports.
                let summary = try await req.shieldwall.links.taxiiPeers.push(Data(buffer: body), from: peer, collection: c.id.uuidString.lowercased(),
                                                                              now: req.now, localiser: req.localiser, on: req.db)
                return Self.json(StixImportJobs.completed(id: UUID(), requested: req.now, objectIDs: ids, summary: summary), status: .accepted)
            }
            let person = try req.requireAPIPerson()
            let bundle: [String: Any] = ["type": "bundle", "id": "bundle--\(UUID().uuidString.lowercased())", "objects": objects]
            let data = try JSONSerialization.data(withJSONObject: bundle)
            let owner = StixImportJobs.Owner(personID: person.personID, organisationID: person.organisationID)
            guard data.count <= req.shieldwall.configuration.importInlineBytes else {
                let job = try await StixImportJobs.enqueue(data, objectIDs: ids, into: communityID, by: owner, now: req.now, on: req.db)
                StixImportWorker.wake(req.application)
                return Self.statusResponse(job.status, id: job.id, req)
            }
            let summary = try await StixImporter.run(data, into: community, authorID: person.personID,
                                                     organisationID: person.organisationID, now: req.now, localiser: req.localiser, on: req.db)
            let statusID = UUID()
            let status = StixImportJobs.completed(id: statusID, requested: req.now, objectIDs: ids, summary: summary)
            try await TaxiiStatus(id: statusID, personID: person.personID, body: try StixImportJobs.text(status), createdAt: req.now).create(on: req.db)
            return Self.json(status, status: .accepted)
        }
    }

    /// `202 Accepted` with a TAXII status and, in `Location`, where to read it again.
    static func statusResponse(_ status: [String: Any], id: UUID, _ req: Request) -> Response {
        json(status, status: .accepted, headers: [("Location", req.shieldwall.configuration.baseURL + TaxiiURL.status(id).path + "/")])
    }

    @Sendable func status(req: Request) async -> Response {
        await Self.guarded(req) {
            if req.taxiiPeer != nil { throw TaxiiError(.notFound, "There is no such status.") }
            let person = try req.requireAPIPerson()
            guard let id = req.parameters.get(.statusID).flatMap(UUID.init(uuidString:)),
                  let row = try await TaxiiStatus.query(on: req.db).filter(\.$id == id).filter(\.$person.$id == person.personID).first(),
                  let body = (try? JSONSerialization.jsonObject(with: Data(row.body.utf8))) as? [String: Any]
            else { throw TaxiiError(.notFound, "There is no such status.") }
            return Self.json(body)
        }
    }
}
