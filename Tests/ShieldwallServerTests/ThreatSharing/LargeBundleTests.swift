import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Issue #32: bundles over the inline size are imported by a background job whose progress is a TAXII status;
/// exports are written batch by batch.
final class LargeBundleTests: XCTestCase {
    /// A bundle of one report naming `count` IPv4 indicators, plus one indicator whose pattern cannot be read.
    static func bundle(_ count: Int, tlp: TLP = .green, reportID: String = "report--7a2f1c4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b") -> String {
        let ids = (0..<count).map { String(format: "indicator--00000000-0000-4000-8000-%012d", $0) }
        let indicators = ids.enumerated().map { n, id in
            #"{"type":"indicator","spec_version":"2.1","id":"\#(id)","pattern_type":"stix","pattern":"[ipv4-addr:value = '45.\#(n / 250 % 250).\#(n % 250).\#(n / 62_500 + 1)']","created":"2026-11-20T10:00:00.000Z","modified":"2026-11-20T10:00:00.000Z","valid_from":"2026-11-20T10:00:00.000Z","object_marking_refs":["\#(tlp.stixMarkingID)"]}"#
        }
        let bad = #"{"type":"indicator","spec_version":"2.1","id":"indicator--99999999-0000-4000-8000-000000000000","pattern_type":"stix","pattern":"[nonsense","created":"2026-11-20T10:00:00.000Z","modified":"2026-11-20T10:00:00.000Z","valid_from":"2026-11-20T10:00:00.000Z"}"#
        let refs = ids.map { "\"\($0)\"" }.joined(separator: ",")
        let report = #"{"type":"report","spec_version":"2.1","id":"\#(reportID)","name":"Scanning from one range","published":"2026-11-20T10:00:00.000Z","created":"2026-11-20T10:00:00.000Z","modified":"2026-11-20T10:00:00.000Z","report_types":["threat-report"],"object_refs":[\#(refs)],"object_marking_refs":["\#(tlp.stixMarkingID)"]}"#
        return #"{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":["# + ([report] + indicators + [bad]).joined(separator: ",") + "]}"
    }

    /// A community whose facilitator's firm admin holds an API token.
    static func member(_ app: Application) async throws -> (Community, String) {
        let firm = try await Seed.organisation(app)
        let member = try await Seed.person(app, email: "sarah@bakery.example", organisation: firm, role: .admin)
        return (try await Seed.community(app, facilitator: member, firms: [firm]), try await Seed.token(app, for: member))
    }

    func testALargeBundleIsImportedInTheBackgroundAndItsStatusTurnsComplete() async throws {
        try await withApp(importInlineBytes: 4_000) { world in
            let app = world.app
            let (community, token) = try await Self.member(app)
            let other = try await Seed.person(app, email: "tom@other.example", organisation: try await Seed.organisation(app, name: "Other"), role: .admin)
            let otherToken = try await Seed.token(app, for: other)
            let path = "/communities/\(community.slug)/stix"
            // Small enough: imported while the client waits, as before.
            let small = try await app.api(.POST, path, token: token, json: Self.bundle(2, reportID: "report--11111111-2222-4333-8444-555555555555"))
            XCTAssertEqual(small.status, .ok, small.body.string)
            XCTAssertEqual(small.json["reports_created"] as? Int, 1)
            // Larger: 202, a pending status, nothing imported yet.
            let accepted = try await app.api(.POST, path, token: token, json: Self.bundle(40))
            XCTAssertEqual(accepted.status, .accepted, accepted.body.string)
            XCTAssertEqual(accepted.json["status"] as? String, "pending")
            XCTAssertEqual(accepted.json["total_count"] as? Int, 42)
            XCTAssertEqual(accepted.json["pending_count"] as? Int, 42)
            let statusID = try XCTUnwrap(accepted.json["id"] as? String)
            XCTAssertEqual(accepted.headers.first(name: .location)?.lowercased(), "http://127.0.0.1:8080/taxii2/api/status/\(statusID)/")
            expectEqual(try await ThreatReport.query(on: app.db).count(), 1)
            let statusPath = "/taxii2/api/status/\(statusID)/"
            func status(_ token: String) async throws -> XCTHTTPResponse {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                return try await app.testable().sendRequest(.GET, statusPath, headers: headers)
            }
            expectEqual(try await status(token).json["status"] as? String, "pending")
            expectEqual(try await status(otherToken).status, .notFound)
            // The job imports it: every indicator taken, the unreadable one named with its reason.
            expectEqual(try await StixImportJobs.runPending(ActionContext(app)), 1)
            let done = try await status(token)
            XCTAssertEqual(done.json["status"] as? String, "complete", done.body.string)
            XCTAssertEqual(done.json["success_count"] as? Int, 41)
            XCTAssertEqual(done.json["pending_count"] as? Int, 0)
            let failures = try XCTUnwrap(done.json["failures"] as? [[String: Any]])
            XCTAssertEqual(failures.map { $0["id"] as? String }, ["indicator--99999999-0000-4000-8000-000000000000"])
            XCTAssertFalse((failures.first?["message"] as? String ?? "").isEmpty)
            let report = try await ThreatReport.query(on: app.db).filter(\.$stixID == "report--7a2f1c4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b").firstOrFail()
            XCTAssertEqual(report.tlp, .green)
            expectEqual(try await ReportIndicator.query(on: app.db).filter(\.$report.$id == (try report.requireID())).count(), 40)
            // Nothing is left waiting, and the bundle is not kept.
            expectEqual(try await StixImportJobs.runPending(ActionContext(app)), 0)
            expectEqual(try await StixImportJob.query(on: app.db).count(), 0)
            // A large body that is not a bundle is refused at once, and nothing waits.
            let notJSON = try await app.api(.POST, path, token: token, json: "[" + String(repeating: "1,", count: 3_000) + "1]")
            XCTAssertEqual(notJSON.status, .badRequest, notJSON.body.string)
            XCTAssertTrue(notJSON.body.string.contains("does not start with a JSON object"), notJSON.body.string)
            expectEqual(try await StixImportJob.query(on: app.db).count(), 0)
            // TAXII: an envelope over the size is a pending status too.
            var taxii = HTTPHeaders()
            taxii.bearerAuthorization = BearerAuthorization(token: token)
            taxii.replaceOrAdd(name: .contentType, value: Taxii.mediaType)
            let objects = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(Self.bundle(60, reportID: "report--22222222-2222-4333-8444-555555555555").utf8)) as? [String: Any])?["objects"])
            let envelope = try JSONSerialization.data(withJSONObject: ["objects": objects])
            let added = try await app.testable().sendRequest(.POST, "/taxii2/api/collections/\(try community.requireID())/objects/", headers: taxii,
                                                             body: ByteBuffer(data: envelope))
            XCTAssertEqual(added.status, .accepted, added.body.string)
            XCTAssertEqual(added.json["status"] as? String, "pending")
            expectEqual(try await StixImportJobs.runPending(ActionContext(app)), 1)
            let taxiiDone = try await app.testable().sendRequest(.GET, "/taxii2/api/status/\(try XCTUnwrap(added.json["id"] as? String))/", headers: taxii)
            XCTAssertEqual(taxiiDone.json["success_count"] as? Int, 61, taxiiDone.body.string)
            expectEqual(try await ThreatReport.query(on: app.db).count(), 3)
        }
    }

    /// The import page hands a large bundle to the background job too, and shows the uploader how it went.
    func testALargeBundleUploadedOnThePageIsImportedInTheBackground() async throws {
        try await withApp(importInlineBytes: 4_000) { world in
            let app = world.app
            let firm = try await Seed.organisation(app), annFirm = try await Seed.organisation(app, name: "Ann's")
            let facilitator = try await Seed.person(app, email: "sarah@bakery.example", organisation: firm, role: .admin)
            let other = try await Seed.person(app, email: "ann@shop.example", organisation: annFirm, role: .admin)
            let community = try await Seed.community(app, facilitator: facilitator, firms: [firm, annFirm])
            try await Seed.acceptCharter(app, community, by: other)
            let sarah = TestBrowser(app)
            try await sarah.signIn("sarah@bakery.example")
            try await sarah.get(SiteURL.communityStixImport(community.slug).path)
            let uploaded = try await sarah.upload(SiteURL.communityStixImport(community.slug).path, [:],
                                                  file: (field: "bundle", name: "large.json", bytes: Array(Self.bundle(40).utf8)))
            XCTAssertEqual(uploaded.status, .seeOther, uploaded.body.string)
            let statusPath = try XCTUnwrap(uploaded.location)
            let waiting = try await sarah.get(statusPath)
            XCTAssertEqual(waiting.status, .ok)
            XCTAssertTrue(waiting.body.string.contains("Your bundle of 42 objects is large, so it is being imported in the background."))
            expectEqual(try await ThreatReport.query(on: app.db).count(), 0)
            // Nobody else sees it, not even the community's other members.
            let ann = TestBrowser(app)
            try await ann.signIn(other.email)
            expectEqual(try await ann.get(statusPath).status, .notFound)

            expectEqual(try await StixImportJobs.runPending(ActionContext(app)), 1)
            let done = try await sarah.get(statusPath).body.string
            XCTAssertTrue(done.contains("Done: 41 of 42 objects taken."), done)
            XCTAssertTrue(done.contains("indicator--99999999-0000-4000-8000-000000000000"), "the one not taken is named")
            expectEqual(try await ThreatReport.query(on: app.db).count(), 1)
            // A large file that is not a bundle is refused on the page at once, and nothing waits.
            let garbage = try await sarah.upload(SiteURL.communityStixImport(community.slug).path, [:],
                                                 file: (field: "bundle", name: "x.json", bytes: Array(("[" + String(repeating: "1,", count: 3_000) + "1]").utf8)))
            XCTAssertEqual(garbage.status, .badRequest)
            XCTAssertTrue(garbage.body.string.contains("does not start with a JSON object"), garbage.body.string)
            expectEqual(try await StixImportJob.query(on: app.db).count(), 0)
        }
    }

    func testABundleIsImportedOnceWhenTwoProcessesClaimIt() async throws {
        try await withApp(importInlineBytes: 1_000) { world in
            let app = world.app
            let (community, token) = try await Self.member(app)
            expectEqual(try await app.api(.POST, "/communities/\(community.slug)/stix", token: token, json: Self.bundle(10)).status, .accepted)
            let ctx = ActionContext(app)
            let claimed = try await StixImportJobs.claimNext(ctx)
            XCTAssertEqual(claimed?.attempts, 1)
            // Another process finds nothing to take while the claim is fresh…
            let meanwhile = try await StixImportJobs.claimNext(ctx)
            XCTAssertNil(meanwhile)
            // …and takes it over once the claim has lapsed (the first process died part-way).
            world.time.advance(by: StixImportJobs.lease + 1)
            let retaken = try await StixImportJobs.claimNext(ActionContext(app))
            XCTAssertEqual(retaken?.attempts, 2)
            try await StixImportJobs.run(try XCTUnwrap(retaken), ActionContext(app))
            expectEqual(try await ThreatReport.query(on: app.db).count(), 1)
            expectEqual(try await StixImportJob.query(on: app.db).count(), 0)
        }
    }

    func testAnExportOfManyIndicatorsIsWrittenWholeAcrossBatches() async throws {
        try await withApp { world in
            let app = world.app
            let (community, token) = try await Self.member(app)
            let path = "/communities/\(community.slug)/stix"
            let count = StixBundleWriter.batch * 2 + 7
            // The same indicators in an AMBER and a GREEN report: each is exported once, marked GREEN.
            expectEqual(try await app.api(.POST, path, token: token, json: Self.bundle(count, tlp: .amber)).status, .ok)
            expectEqual(try await app.api(.POST, path, token: token,
                                          json: Self.bundle(count, tlp: .green, reportID: "report--33333333-2222-4333-8444-555555555555")).status, .ok)
            let response = try await app.api(.GET, path, token: token)
            XCTAssertEqual(response.status, .ok)
            let bundle = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any], "one JSON bundle")
            let objects = try XCTUnwrap(bundle["objects"] as? [[String: Any]])
            let indicators = objects.filter { $0["type"] as? String == "indicator" }
            XCTAssertEqual(indicators.count, count)
            XCTAssertEqual(Set(indicators.compactMap { $0["id"] as? String }).count, count)
            XCTAssertEqual(Set(indicators.compactMap { ($0["object_marking_refs"] as? [String])?.first }), [TLP.green.stixMarkingID])
            let reports = objects.filter { $0["type"] as? String == "report" }
            XCTAssertEqual(reports.map { ($0["object_refs"] as? [String])?.count }, [count, count])
            XCTAssertEqual(Set(objects.filter { $0["type"] as? String == "marking-definition" }.compactMap { $0["id"] as? String }),
                           [TLP.green.stixMarkingID, TLP.amber.stixMarkingID])
            XCTAssertEqual(try StixReader.read(Data(response.body.readableBytesView)).get().indicators.count, count, "it reads back")
            // Links are read a page at a time: small pages give the same links.
            let stored = try await ThreatReport.query(on: app.db).all()
            let whole = try await StixBundleWriter.readLinks(stored, on: app.db), paged = try await StixBundleWriter.readLinks(stored, page: 100, on: app.db)
            XCTAssertEqual(paged.refs, whole.refs)
            XCTAssertEqual(paged.tlp, whole.tlp)
            XCTAssertEqual(paged.refs.values.map(\.count), [count, count])
        }
    }

    func testATaxiiClientPagesThroughTheWholeCollectionAndFindsEachObject() async throws {
        try await withApp { world in
            let app = world.app
            let (community, token) = try await Self.member(app)
            let count = StixBundleWriter.batch + 30
            expectEqual(try await app.api(.POST, "/communities/\(community.slug)/stix", token: token, json: Self.bundle(count)).status, .ok)
            let export = try await app.api(.GET, "/communities/\(community.slug)/stix", token: token)
            let exported = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(export.body.string.utf8)) as? [String: Any])?["objects"] as? [[String: Any]])
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let base = "/taxii2/api/collections/\(try community.requireID())"
            func get(_ path: String) async throws -> XCTHTTPResponse { try await app.testable().sendRequest(.GET, path, headers: headers) }
            // Every page, following `next`: the same objects as the export, each once.
            var seen: [String] = [], next: String?, pages = 0, lastAdded: String?
            repeat {
                let page = try await get("\(base)/objects/?limit=200" + (next.map { "&next=\($0)" } ?? ""))
                XCTAssertEqual(page.status, .ok)
                seen += (page.json["objects"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                next = page.json["next"] as? String
                lastAdded = page.headers.first(name: "X-TAXII-Date-Added-Last")
                pages += 1
            } while next != nil && pages < 10
            XCTAssertEqual(pages, 3)
            XCTAssertEqual(seen.count, Set(seen).count, "no object twice")
            XCTAssertEqual(Set(seen), Set(exported.compactMap { $0["id"] as? String }))
            // One object by id: a report, an indicator; the manifest's versions match the objects'.
            let reportID = "report--7a2f1c4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b"
            let report = try await get("\(base)/objects/\(reportID)/")
            XCTAssertEqual((report.json["objects"] as? [[String: Any]])?.first?["object_refs"].map { ($0 as? [Any])?.count }, count)
            let indicatorID = try XCTUnwrap(seen.first { $0.hasPrefix("indicator--") })
            let one = try await get("\(base)/objects/?match[id]=\(indicatorID)")
            XCTAssertEqual((one.json["objects"] as? [[String: Any]])?.map { $0["id"] as? String }, [indicatorID])
            let manifest = try await get("\(base)/manifest/?match[id]=\(indicatorID)")
            let entry = try XCTUnwrap((manifest.json["objects"] as? [[String: Any]])?.first)
            XCTAssertEqual(entry["version"] as? String, (one.json["objects"] as? [[String: Any]])?.first?["modified"] as? String)
            let versions = try await get("\(base)/objects/\(indicatorID)/versions/")
            XCTAssertEqual(versions.json["versions"] as? [String], [try XCTUnwrap(entry["version"] as? String)])
            // Nothing was added after the last object.
            let later = try await get("\(base)/objects/?added_after=\(try XCTUnwrap(lastAdded))")
            XCTAssertNil(later.json["objects"])
            XCTAssertEqual(later.json["more"] as? Bool, false)
        }
    }
}
