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
        let canWrite: Bool
        /// The community, for community collections.
        let community: UUID?
        let tlp: TLP?

        var json: [String: Any] {
            ["id": id.uuidString.lowercased(), "title": title, "description": description, "can_read": true, "can_write": canWrite,
             "media_types": [Taxii.stixMediaType]]
        }
    }

    static func readable(_ req: Request) async throws -> (ReportScope, [Collection]) {
        let person = try req.requireAPIPerson()
        let scope = try await ReportScope.of(person, req)
        var list: [Collection] = []
        let communities = try await Community.query(on: req.db).filter(\.$id ~~ Array(scope.viewer.contentCommunities)).sort(\.$name).all()
        for c in communities {
            guard let id = c.id else { continue }
            list.append(Collection(id: id, title: c.name, description: "Shared in \(c.name) (no TLP:RED).",
                                   canWrite: c.status == .active, community: id, tlp: nil))
        }
        if scope.viewer.isCommunityMember {
            list.append(Collection(id: Taxii.green, title: "TLP:GREEN", description: "TLP:GREEN reports of every community on this instance.",
                                   canWrite: false, community: nil, tlp: .green))
        }
        list.append(Collection(id: Taxii.clear, title: "TLP:CLEAR", description: "TLP:CLEAR reports: may be shared with anyone.",
                               canWrite: false, community: nil, tlp: .clear))
        return (scope, list)
    }

    static func find(_ req: Request) async throws -> (ReportScope, Collection) {
        let (scope, list) = try await readable(req)
        guard let id = req.parameters.get(.collection).flatMap(UUID.init(uuidString:)), let found = list.first(where: { $0.id == id }) else {
            throw TaxiiError(.notFound, "There is no such collection, or you may not read it.")
        }
        return (scope, found)
    }

    @Sendable func collections(req: Request) async -> Response {
        await Self.guarded(req) {
            let (_, list) = try await Self.readable(req)
            return Self.json(["collections": list.map(\.json)])
        }
    }

    @Sendable func collection(req: Request) async -> Response {
        await Self.guarded(req) { Self.json(try await Self.find(req).1.json) }
    }

    /// Every object of the collection with when it was added, oldest first — built once per collection and
    /// holder while nothing that decides it has changed, so a client paging through it with `next` does not
    /// rebuild it for every page.
    static func contents(_ req: Request, _ scope: ReportScope, _ c: Collection) async throws -> [(object: [String: Any], added: Date, id: String, version: String)] {
        let key = c.id.uuidString + "#" + scope.cacheKey
        return try await req.application.threatCaches.taxii.value(key, stamp: ThreatCaches.stamp(try await req.dataVersions()), now: req.now) {
            ThreatCaches.TaxiiContents(items: try await build(req, scope, c))
        }.items
    }

    static func build(_ req: Request, _ scope: ReportScope, _ c: Collection) async throws -> [(object: [String: Any], added: Date, id: String, version: String)] {
        var query = scope.reports(on: req.db)
        if let community = c.community {
            query = query.filter(\.$community.$id == community)
                .filter(\.$tlp ~~ TLP.allCases.filter { ReportAccess.mayCarry($0, on: .holdersOwnFeed) })
        } else if let tlp = c.tlp {
            query = query.filter(\.$tlp == tlp)
        }
        let reports = try await query.sort(\.$createdAt).all()
        let parts = try await StixExport.parts(reports: reports, scope: scope, now: req.now, on: req.db)
        let objects = StixBundle.objects(reports: parts.reports, indicators: parts.indicators, sightings: parts.sightings)
        return objects.compactMap { o -> (object: [String: Any], added: Date, id: String, version: String)? in
            guard let id = o["id"] as? String else { return nil }
            let version = (o["modified"] as? String) ?? (o["created"] as? String) ?? ""
            return (o, parts.added[id] ?? req.now, id, version)
        }.sorted { ($0.added, $0.id) < ($1.added, $1.id) }
    }

    /// `added_after`, `match[type]`, `match[id]`, `match[version]`, then `limit` and `next`.
    static func filtered(_ req: Request, _ all: [(object: [String: Any], added: Date, id: String, version: String)], objectID: String? = nil)
        throws -> (items: [(object: [String: Any], added: Date, id: String, version: String)], more: Bool, next: String?) {
        var items = all
        if let text = req.query[String.self, at: "added_after"] {
            guard let after = StixReader.parseDate(text) else {
                throw TaxiiError(.badRequest, "'added_after' must be an RFC 3339 timestamp such as 2026-11-23T08:00:00.000Z.")
            }
            items = items.filter { $0.added > after }
        }
        if let types = Self.match(req, "type") {
            let wanted = Set(types.split(separator: ",").map { String($0) })
            items = items.filter { wanted.contains(($0.object["type"] as? String) ?? "") }
        }
        if let ids = Self.match(req, "id") {
            let wanted = Set(ids.split(separator: ",").map { String($0) })
            items = items.filter { wanted.contains($0.id) }
        }
        if let objectID { items = items.filter { $0.id == objectID } }
        if let version = Self.match(req, "version"), !["first", "last", "all"].contains(version) {
            let wanted = Set(version.split(separator: ",").map { String($0) })
            // Only one version of each object is kept: the latest.
            items = items.filter { wanted.contains($0.version) }
        }
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
            offset = n
        }
        let page = Array(items.dropFirst(offset).prefix(limit))
        let more = offset + page.count < items.count
        return (page, more, more ? Data(String(offset + page.count).utf8).base64EncodedString() : nil)
    }

    /// `match[type]=…` (Vapor reads the brackets as a nested key).
    static func match(_ req: Request, _ field: String) -> String? {
        req.query[String.self, at: "match", field] ?? req.query[String.self, at: "match[\(field)]"]
    }

    static func dateHeaders(_ items: [(object: [String: Any], added: Date, id: String, version: String)]) -> [(String, String)] {
        guard let first = items.map(\.added).min(), let last = items.map(\.added).max() else { return [] }
        return [("X-TAXII-Date-Added-First", StixBundle.timestamp(first)), ("X-TAXII-Date-Added-Last", StixBundle.timestamp(last))]
    }

    @Sendable func objects(req: Request) async -> Response {
        await Self.guarded(req) {
            let (scope, c) = try await Self.find(req)
            let page = try Self.filtered(req, try await Self.contents(req, scope, c))
            var body: [String: Any] = ["more": page.more]
            if !page.items.isEmpty { body["objects"] = page.items.map(\.object) }
            if let next = page.next { body["next"] = next }
            return Self.json(body, headers: Self.dateHeaders(page.items))
        }
    }

    @Sendable func object(req: Request) async -> Response {
        await Self.guarded(req) {
            let (scope, c) = try await Self.find(req)
            let id = req.parameters.get(.objectID) ?? ""
            let page = try Self.filtered(req, try await Self.contents(req, scope, c), objectID: id)
            guard !page.items.isEmpty else { throw TaxiiError(.notFound, "There is no object \(id.prefix(100)) in this collection.") }
            return Self.json(["more": page.more, "objects": page.items.map(\.object)], headers: Self.dateHeaders(page.items))
        }
    }

    @Sendable func versions(req: Request) async -> Response {
        await Self.guarded(req) {
            let (scope, c) = try await Self.find(req)
            let id = req.parameters.get(.objectID) ?? ""
            let page = try Self.filtered(req, try await Self.contents(req, scope, c), objectID: id)
            guard !page.items.isEmpty else { throw TaxiiError(.notFound, "There is no object \(id.prefix(100)) in this collection.") }
            return Self.json(["more": false, "versions": page.items.map(\.version)], headers: Self.dateHeaders(page.items))
        }
    }

    @Sendable func manifest(req: Request) async -> Response {
        await Self.guarded(req) {
            let (scope, c) = try await Self.find(req)
            let page = try Self.filtered(req, try await Self.contents(req, scope, c))
            var body: [String: Any] = ["more": page.more]
            if !page.items.isEmpty {
                body["objects"] = page.items.map { ["id": $0.id, "date_added": StixBundle.timestamp($0.added), "version": $0.version,
                                                    "media_type": Taxii.stixMediaType] }
            }
            if let next = page.next { body["next"] = next }
            return Self.json(body, headers: Self.dateHeaders(page.items))
        }
    }

    /// Adds an envelope of objects to a community collection (members who may take part), answered with a status.
    @Sendable func add(req: Request) async -> Response {
        await Self.guarded(req) {
            let person = try req.requireAPIPerson()
            let (_, c) = try await Self.find(req)
            guard c.canWrite, let communityID = c.community, let community = try await Community.find(communityID, on: req.db) else {
                throw TaxiiError(.forbidden, "You cannot add objects to this collection.")
            }
            guard (req.headers.first(name: .contentType) ?? "").contains("application/taxii+json") else {
                throw TaxiiError(.unsupportedMediaType, "Send an envelope as application/taxii+json;version=2.1.")
            }
            guard let body = req.body.data,
                  let envelope = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] else {
                throw TaxiiError(.badRequest, "The body is not a JSON envelope.")
            }
            guard let objects = envelope["objects"] as? [Any] else { throw TaxiiError(.badRequest, "The envelope has no 'objects' list.") }
            let bundle: [String: Any] = ["type": "bundle", "id": "bundle--\(UUID().uuidString.lowercased())", "objects": objects]
            let data = try JSONSerialization.data(withJSONObject: bundle)
            let ids = objects.enumerated().map { n, o in ((o as? [String: Any])?["id"] as? String) ?? "objects[\(n)]" }
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
            let person = try req.requireAPIPerson()
            guard let id = req.parameters.get(.statusID).flatMap(UUID.init(uuidString:)),
                  let row = try await TaxiiStatus.query(on: req.db).filter(\.$id == id).filter(\.$person.$id == person.personID).first(),
                  let body = (try? JSONSerialization.jsonObject(with: Data(row.body.utf8))) as? [String: Any]
            else { throw TaxiiError(.notFound, "There is no such status.") }
            return Self.json(body)
        }
    }
}
