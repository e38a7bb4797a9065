import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Pulling a peer (issue #31), against a peer that answers from a script: what the marking lets in, with provenance
/// and a cursor; revocations; a peer that is down, refuses or answers garbage changes nothing here but its health.
final class PeerPullTests: XCTestCase {
    static let key = "a federation key of at least thirty-two characters"

    struct Setting {
        let world: TestWorld
        let community: Community
        let facilitator: SignedIn
        let operatorPerson: SignedIn
        var ctx: ActionContext { ActionContext(world.app) }
    }

    func withPeer(highest: TLP = .green, _ body: (Setting, FederationPeer, ScriptedPeer) async throws -> Void) async throws {
        try await withApp(federationKey: Self.key) { world in
            let app = world.app
            let firm = try await Seed.organisation(app, name: "Quayside Books")
            let fred = try await Seed.person(app, email: "fred@books.example", name: "Fred Facilitator", organisation: firm, role: .admin)
            let olga = try await Seed.person(app, email: "op@shieldwall.example", name: "Olga Operator", isOperator: true)
            let community = try await Seed.community(app, name: "Leeds Shops", facilitator: fred, firms: [firm])
            let setting = Setting(world: world, community: community,
                                  facilitator: try SignedIn(person: fred, organisation: firm, sessionID: nil, stage: .full),
                                  operatorPerson: try SignedIn(person: olga, organisation: nil, sessionID: nil, stage: .full))
            let added = try await PeerActions.add(PeerForm(name: "Madrid", api_root: "https://madrid.example/taxii2/api", secret: "swf_madrid-token",
                                                           collections: "c-1", community: community.slug, highest_tlp: highest.rawValue),
                                                  by: setting.operatorPerson, ctx: setting.ctx)
            let peer = try await PeerActions.find(added.id, on: app.db)
            XCTAssertNotEqual(peer.secretSealed, "swf_madrid-token")
            XCTAssertEqual(peer.apiRoot, "https://madrid.example/taxii2/api/")
            try await body(setting, peer, ScriptedPeer())
        }
    }

    /// The community's reports: title and marking, by title.
    func reports(_ s: Setting) async throws -> [Shared] {
        try await ThreatReport.query(on: s.world.app.db).filter(\.$community.$id == s.community.requireID()).sort(\.$title).sort(\.$tlp).all()
            .map { Shared(title: $0.title, tlp: $0.tlp) }
    }

    struct Shared: Equatable { let title: String; let tlp: TLP }

    func indicator(_ address: String, _ s: Setting) async throws -> Indicator? {
        try await Indicator.query(on: s.world.app.db).filter(\.$value == address).first()
    }

    func testAPullTakesWhatTheMarkingAllowsWithProvenanceAndReadsOnFromItsCursor() async throws {
        try await withPeer(highest: .amber) { s, peer, madrid in
            madrid.then(PeerObjects.envelope([
                "{\"type\": \"marking-definition\", \"id\": \"\(TLP.green.stixMarkingID)\"}",
                PeerObjects.report(1, "Phishing wave", .green, refs: [1]), PeerObjects.indicator(1, "198.51.100.1", .green),
                PeerObjects.indicator(3, "198.51.100.3", .amber), PeerObjects.indicator(4, "198.51.100.4", .amberStrict),
                PeerObjects.indicator(5, "198.51.100.5", .red),
            ], more: true, next: "page 2"), headers: ["x-taxii-date-added-last": "2027-01-10T08:00:00.000Z"])
            madrid.then(PeerObjects.envelope([PeerObjects.indicator(2, "198.51.100.2", .clear)]),
                        headers: ["x-taxii-date-added-last": "2027-01-10T09:00:00.000Z"])
            guard case .success(let outcome) = await PeerPull.pull(peer, ctx: s.ctx, fetcher: madrid) else { return XCTFail("the pull failed") }
            XCTAssertEqual(outcome.objects, 3)
            XCTAssertEqual(outcome.withheld, 3, "AMBER waits for the facilitator; AMBER+STRICT and RED never come")
            let shared = try await reports(s)
            XCTAssertEqual(shared.first { $0.title == "Phishing wave" }?.tlp, .green)
            XCTAssertEqual(shared.filter { $0.tlp == .clear }.map(\.title), ["Indicators shared by Madrid (collection c-1)"],
                           "the loose CLEAR indicator has a report of its marking, named for people")
            for address in ["198.51.100.3", "198.51.100.4", "198.51.100.5"] { expectEqual(try await indicator(address, s)?.value, nil) }
            expectEqual(try await indicator("198.51.100.1", s)?.value, "198.51.100.1")
            // Where each came from, and how the peer is doing.
            let origins = try await ReportOrigin.query(on: s.world.app.db).all()
            XCTAssertEqual(origins.count, 2)
            XCTAssertTrue(origins.allSatisfy { $0.$peer.id == peer.id && $0.collectionID == "c-1" })
            // The facilitator reading the report sees where it came from.
            let wave = try await ThreatReport.query(on: s.world.app.db).filter(\.$title == "Phishing wave").first()
            let browser = TestBrowser(s.world.app)
            try await browser.signIn("fred@books.example")
            let page = try await browser.get(SiteURL.report(try XCTUnwrap(wave).requireID()).path).body.string
            XCTAssertTrue(page.contains("pulled from Madrid, collection c-1, on"), page)
            let stored = try await PeerActions.find(peer.id, on: s.world.app.db)
            XCTAssertEqual(stored.lastObjects, 3)
            XCTAssertEqual(stored.lastWithheld, 3)
            XCTAssertNil(stored.lastError)
            XCTAssertNil(stored.claimedAt)
            XCTAssertEqual(stored.nextPullAt, s.ctx.now.addingTimeInterval(3_600))
            // The secret went as a bearer token; pages were followed with `next`.
            XCTAssertEqual(madrid.urls, ["https://madrid.example/taxii2/api/collections/c-1/objects/?limit=1000",
                                         "https://madrid.example/taxii2/api/collections/c-1/objects/?limit=1000&next=page%202"])
            XCTAssertTrue(madrid.asked[0].headers.contains { $0 == ("Authorization", "Bearer swf_madrid-token") })

            // The next pull starts where this one ended.
            madrid.then(PeerObjects.envelope([]))
            guard case .success = await PeerPull.pull(stored, ctx: s.ctx, fetcher: madrid) else { return XCTFail("the second pull failed") }
            XCTAssertEqual(madrid.urls.last, "https://madrid.example/taxii2/api/collections/c-1/objects/?limit=1000&added_after=2027-01-10T09%3A00%3A00.000Z")
            // Once the facilitator agrees, AMBER comes in: the collection is read again from the start, for what was held back.
            try await PeerActions.agreeToAmber(try await PeerActions.find(peer.id, on: s.world.app.db), community: s.community,
                                               standing: try await CommunityStandings.standing(of: s.facilitator, in: s.community, on: s.world.app.db),
                                               agree: true, by: s.facilitator, ctx: s.ctx)
            madrid.then(PeerObjects.envelope([PeerObjects.indicator(6, "198.51.100.6", .amber), PeerObjects.indicator(7, "198.51.100.7", .amberStrict)]))
            guard case .success(let again) = await PeerPull.pull(try await PeerActions.find(peer.id, on: s.world.app.db), ctx: s.ctx, fetcher: madrid)
            else { return XCTFail("the third pull failed") }
            XCTAssertEqual(madrid.urls.last, "https://madrid.example/taxii2/api/collections/c-1/objects/?limit=1000")
            XCTAssertEqual(again.objects, 1)
            XCTAssertEqual(again.withheld, 1)
            expectEqual(try await indicator("198.51.100.6", s)?.value, "198.51.100.6")
            expectEqual(try await reports(s).filter { $0.tlp == .amber }.count, 1)
        }
    }

    func testARevocationRetractsTheCopyAndTheReportThatCameFromThatPeerAlone() async throws {
        try await withPeer { s, peer, madrid in
            madrid.then(PeerObjects.envelope([
                PeerObjects.report(1, "Invoice fraud", .green, refs: [1, 2]), PeerObjects.indicator(1, "203.0.113.1", .green),
                PeerObjects.indicator(2, "203.0.113.2", .green), PeerObjects.report(3, "Fake courier", .green, refs: []),
            ]))
            _ = await PeerPull.pull(peer, ctx: s.ctx, fetcher: madrid)
            // A member here shares one of the two addresses too.
            let own = try await ReportActions.publish(.init(kind: "phishing", title: "Seen here too", summary: "Same sender.", tlp: "green",
                                                            anonymous: false, recipients: [], indicators: ["203.0.113.2"]),
                                                      in: s.community, by: s.facilitator, ctx: s.ctx)
            // The peer's next version of its report still names the revoked indicators, as reports there do.
            madrid.then(PeerObjects.envelope([PeerObjects.report(1, "Invoice fraud", .green, refs: [1, 2]),
                                              PeerObjects.indicator(1, "203.0.113.1", .green, revoked: true),
                                              PeerObjects.indicator(2, "203.0.113.2", .green, revoked: true),
                                              PeerObjects.report(3, "Fake courier", .green, refs: [], revoked: true)]))
            guard case .success(let outcome) = await PeerPull.pull(try await PeerActions.find(peer.id, on: s.world.app.db), ctx: s.ctx, fetcher: madrid)
            else { return XCTFail("the pull failed") }
            XCTAssertEqual(outcome.retracted, 1)
            XCTAssertEqual(outcome.reportsRemoved, 1)
            let onlyFromPeer = try await indicator("203.0.113.1", s), alsoOurs = try await indicator("203.0.113.2", s)
            XCTAssertNotNil(onlyFromPeer?.retractedAt)
            XCTAssertEqual(onlyFromPeer?.retractionReason, "Revoked by Madrid, where it was shared.")
            XCTAssertNil(alsoOurs?.retractedAt, "a member here still reports it")
            let named = try await ReportIndicator.query(on: s.world.app.db).filter(\.$indicator.$id == XCTUnwrap(onlyFromPeer).requireID()).count()
            XCTAssertEqual(named, 1, "the peer's report still names the retracted indicator")
            let links = try await ReportIndicator.query(on: s.world.app.db).filter(\.$indicator.$id == alsoOurs!.requireID()).all()
            XCTAssertEqual(links.map(\.$report.id), [try own.requireID()], "the peer's report no longer names it; ours does")
            expectEqual(try await reports(s).map(\.title), ["Invoice fraud", "Seen here too"])
        }
    }

    func testAPeerThatIsDownRefusesOrAnswersGarbageChangesNothingButItsHealth() async throws {
        try await withPeer { s, peer, madrid in
            madrid.then(PeerObjects.envelope([PeerObjects.report(1, "Kept", .green, refs: [1]), PeerObjects.indicator(1, "192.0.2.1", .green)]))
            _ = await PeerPull.pull(peer, ctx: s.ctx, fetcher: madrid)
            let before = try await reports(s)
            let cursorBefore = try await FederationCursor.query(on: s.world.app.db).all().map(\.addedAfter)
            // Garbage part-way through the pages: the first page is not imported either.
            madrid.then(PeerObjects.envelope([PeerObjects.report(2, "Half", .green, refs: [])], more: true, next: "2"))
            madrid.then("<html>Bad gateway</html>")
            madrid.thenDown("connection refused")
            madrid.then("{\"title\": \"Unauthorized\"}", status: 401)
            madrid.then("{}", status: 429, headers: ["retry-after": "20000"])
            madrid.then("{}", status: 404)
            let expected = [("federation.pull.garbage", 7_200.0), ("federation.pull.unreachable", 14_400), ("federation.pull.refused", 28_800),
                            ("federation.pull.busy", 57_600), ("federation.pull.no-collection", 86_400)]
            for (n, (key, wait)) in expected.enumerated() {
                let current = try await PeerActions.find(peer.id, on: s.world.app.db)
                guard case .failure(let problem) = await PeerPull.pull(current, ctx: s.ctx, fetcher: madrid) else { return XCTFail(key) }
                XCTAssertEqual(problem.key, key)
                let after = try await PeerActions.find(peer.id, on: s.world.app.db)
                XCTAssertEqual(after.failures, n + 1, key)
                XCTAssertEqual(after.nextPullAt.timeIntervalSince(s.ctx.now), wait, key)
                XCTAssertEqual(after.lastError.map(PeerPull.Problem.read)?.key, key)
                XCTAssertEqual(after.lastObjects, 2, "the last good pull's figures stay")
                expectEqual(try await reports(s), before)
                expectEqual(try await FederationCursor.query(on: s.world.app.db).all().map(\.addedAfter), cursorBefore)
            }
            // The operator's page says so, in words.
            let browser = TestBrowser(s.world.app)
            try await browser.signIn("op@shieldwall.example")
            let page = try await browser.get(SiteURL.operatorFederation.path)
            XCTAssertTrue(page.body.string.contains("Failing (5 in a row): it has no collection c-1"), page.body.string)
            // A good answer clears the failures.
            madrid.then(PeerObjects.envelope([]))
            guard case .success = await PeerPull.pull(try await PeerActions.find(peer.id, on: s.world.app.db), ctx: s.ctx, fetcher: madrid)
            else { return XCTFail("the pull failed") }
            let healthy = try await PeerActions.find(peer.id, on: s.world.app.db)
            XCTAssertEqual(healthy.failures, 0)
            XCTAssertNil(healthy.lastError)
        }
    }

    func testOnlyDuePeersArePulledAndOneProcessAtATime() async throws {
        try await withPeer { s, peer, madrid in
            madrid.then(PeerObjects.envelope([]))
            expectEqual(try await PeerPull.runDue(s.ctx, fetcher: madrid), 1)
            expectEqual(try await PeerPull.runDue(s.ctx, fetcher: madrid), 0, "not due for an hour")
            s.world.time.advance(by: 3_601)
            let due = try await PeerActions.find(peer.id, on: s.world.app.db)
            expectEqual(try await PeerPull.claim(due, s.ctx), true)
            expectEqual(try await PeerPull.runDue(s.ctx, fetcher: madrid), 0, "another process holds it")
            try await PeerActions.setPaused(due, true, by: s.operatorPerson, ctx: s.ctx)
            s.world.time.advance(by: PeerPull.lease + 1)
            expectEqual(try await PeerPull.runDue(s.ctx, fetcher: madrid), 0, "paused")
            XCTAssertEqual(madrid.urls.count, 1)
        }
    }
}
