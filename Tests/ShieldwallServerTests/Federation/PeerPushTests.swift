import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Another instance pushing with its reading account (issue #31): only once an operator let it, only into that one
/// community, up to that marking (TLP:AMBER only with the facilitator's agreement), never over a report shared here,
/// with provenance; its revocations retract what it sent, and nothing it pushed is served on to other instances.
final class PeerPushTests: XCTestCase {
    func testAnInstancePushesOnlyWhereAndAsHighAsTheOperatorAndFacilitatorAllowed() async throws {
        try await withApp { world in
            let app = world.app
            let w = try await TwoCommunities.make(app)
            let (leeds, hull, fredIn, olgaIn) = (w.leeds, w.hull, w.fredIn, w.olgaIn)
            let ctx = ActionContext(app)
            let local = try await ReportActions.publish(.init(kind: "phishing", title: "Fred's own warning", summary: "Watch out.", tlp: "green",
                                                              anonymous: false, recipients: [], indicators: ["198.51.100.77"]),
                                                        in: leeds, by: fredIn, ctx: ctx)
            let localStix = local.stixID
            let madrid = try await PeerAccounts.create(name: "Madrid", by: olgaIn, ctx: ctx)
            let lisbon = try await PeerAccounts.create(name: "Lisbon", by: olgaIn, ctx: ctx)
            let madridID = try madrid.account.requireID()

            func headers(_ token: String) -> HTTPHeaders {
                var h = HTTPHeaders()
                h.bearerAuthorization = BearerAuthorization(token: token)
                h.replaceOrAdd(name: .contentType, value: Taxii.mediaType)
                return h
            }
            func push(_ objects: [String], into community: Community) async throws -> XCTHTTPResponse {
                try await app.testable().sendRequest(.POST, "/taxii2/api/collections/\(try community.requireID())/objects/",
                                                     headers: headers(madrid.token), body: ByteBuffer(string: PeerObjects.envelope(objects)))
            }
            func titles() async throws -> [String] {
                try await ThreatReport.query(on: app.db).filter(\.$community.$id == leeds.requireID()).sort(\.$title).all().map(\.title)
            }
            let green = [PeerObjects.indicator(1, "203.0.113.1", .green), PeerObjects.report(1, "Madrid GREEN", .green, refs: [1])]
            let amber = [PeerObjects.indicator(2, "203.0.113.2", .amber), PeerObjects.report(2, "Madrid AMBER", .amber, refs: [2])]
            let strict = [PeerObjects.report(3, "Madrid RED", .red, refs: [])]

            // Not allowed yet: it only reads (Leeds's AMBER is not shared with it, so it does not even see the collection).
            expectEqual(try await push(green, into: leeds).status, .notFound)
            expectEqual(try await titles(), ["Fred's own warning"])

            // The operator lets it push into Leeds up to GREEN: a write-only Leeds collection appears, and only there may it write.
            try await PeerAccounts.setPush(madridID, community: leeds.slug, highest: "green", by: olgaIn, ctx: ctx)
            let listed = try await app.testable().sendRequest(.GET, "/taxii2/api/collections/", headers: headers(madrid.token))
            let leedsCollection = ((listed.json["collections"] as? [[String: Any]]) ?? []).first { $0["title"] as? String == "Leeds Shops" }
            XCTAssertEqual(leedsCollection?["can_write"] as? Bool, true, listed.body.string)
            XCTAssertEqual(leedsCollection?["can_read"] as? Bool, false)
            let read = try await app.testable().sendRequest(.GET, "/taxii2/api/collections/\(try leeds.requireID())/objects/", headers: headers(madrid.token))
            XCTAssertEqual(read.status, .forbidden)
            expectEqual(try await push(green, into: hull).status, .notFound)

            // GREEN comes in with provenance; AMBER (no agreement), RED, and a report with the id of Fred's do not.
            let overwrite = """
                {"type": "report", "spec_version": "2.1", "id": "\(localStix)", "created": "2027-01-10T08:00:00.000Z",
                 "modified": "2030-01-10T08:00:00.000Z", "name": "Overwritten", "published": "2027-01-10T08:00:00.000Z", "object_refs": [],
                 "object_marking_refs": ["\(TLP.green.stixMarkingID)"]}
                """
            let status = try await push(green + amber + strict + [overwrite], into: leeds)
            XCTAssertEqual(status.status, .accepted, status.body.string)
            XCTAssertEqual(status.json["success_count"] as? Int, 2, status.body.string)
            let failures = (status.json["failures"] as? [[String: Any]]) ?? []
            XCTAssertEqual(Set(failures.compactMap { $0["id"] as? String }),
                           [PeerObjects.id("indicator", 2), PeerObjects.id("report", 2), PeerObjects.id("report", 3), localStix])
            expectEqual(try await titles(), ["Fred's own warning", "Madrid GREEN"])
            let found = try await ThreatReport.query(on: app.db).filter(\.$title == "Madrid GREEN").first()
            let pushed = try XCTUnwrap(found)
            let provenance = try await PeerReportOrigins().provenance(of: try pushed.requireID(), on: app.db)
            XCTAssertEqual(provenance?.instance, "Madrid")
            XCTAssertEqual(provenance?.pushed, true)
            XCTAssertEqual(pushed.tlp, .green)

            // Raised to AMBER, AMBER still waits for the facilitator; once Fred agrees it comes in.
            try await PeerAccounts.setPush(madridID, community: leeds.slug, highest: "amber", by: olgaIn, ctx: ctx)
            let waiting = try await push(amber, into: leeds)
            XCTAssertEqual(waiting.json["failure_count"] as? Int, 2, waiting.body.string)
            let standing = try await CommunityStandings.standing(of: fredIn, in: leeds, on: app.db)
            try await PeerAccounts.share(madridID, community: leeds, standing: standing, agree: true, by: fredIn, ctx: ctx)
            let agreed = try await push(amber, into: leeds)
            XCTAssertEqual(agreed.json["success_count"] as? Int, 2, agreed.body.string)
            expectEqual(try await titles(), ["Fred's own warning", "Madrid AMBER", "Madrid GREEN"])

            // Nothing it pushed is served on to another instance.
            let served = try await app.testable().sendRequest(.GET, "/taxii2/api/collections/\(Taxii.green)/objects/?match[type]=report",
                                                              headers: headers(lisbon.token))
            XCTAssertEqual(((served.json["objects"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }, ["Fred's own warning"])

            // Its revocation retracts the indicator it alone sent; a garbage body changes nothing.
            expectEqual(try await push([PeerObjects.indicator(1, "203.0.113.1", .green, revoked: true)], into: leeds).status, .accepted)
            let revoked = try await Indicator.query(on: app.db).filter(\.$value == "203.0.113.1").first()
            XCTAssertNotNil(revoked?.retractedAt)
            let garbage = try await app.testable().sendRequest(.POST, "/taxii2/api/collections/\(try leeds.requireID())/objects/",
                                                               headers: headers(madrid.token), body: ByteBuffer(string: "{\"objects\": [1]}"))
            XCTAssertEqual(garbage.status, .badRequest, garbage.body.string)
            expectEqual(try await titles(), ["Fred's own warning", "Madrid AMBER", "Madrid GREEN"])
            let account = try await PeerAccount.find(madridID, on: app.db)
            XCTAssertEqual(account?.objectsPushed, 4)

            // Stopped, it reads again only; the change is in the audit log.
            try await PeerAccounts.setPush(madridID, community: "", highest: nil, by: olgaIn, ctx: ctx)
            expectEqual(try await push(green, into: leeds).status, .forbidden)
            let logged = try await AuditEvent.query(on: app.db).filter(\.$kind == .peerPushing).all().map(\.detail)
            XCTAssertEqual(logged.count, 3)
            do {
                try await PeerAccounts.setPush(madridID, community: "no-such-place", highest: "green", by: olgaIn, ctx: ctx)
                XCTFail("pushing into a community that does not exist")
            } catch let failure as ValidationFailure { XCTAssertEqual(failure.problems.map(\.field), ["push_community"]) }
            do {
                try await PeerAccounts.setPush(madridID, community: leeds.slug, highest: "green", by: fredIn, ctx: ctx)
                XCTFail("a facilitator let an instance push")
            } catch let refusal as Refusal { XCTAssertEqual(refusal.status, .forbidden) }
        }
    }
}
