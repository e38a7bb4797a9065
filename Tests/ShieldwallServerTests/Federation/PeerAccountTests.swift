import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// What another instance's reading account gets from this one's TAXII server (issue #31): CLEAR and GREEN of every
/// community, AMBER only of communities whose facilitator agreed, never AMBER+STRICT or RED, nothing written, and
/// nothing pulled from a third instance unless the operator re-shares it.
final class PeerAccountTests: XCTestCase {
    func testAReadingAccountReadsWhatTheMarkingsAndAgreementsAllow() async throws {
        try await withApp { world in
            let app = world.app
            let w = try await TwoCommunities.make(app)
            let (olga, leeds, hull, fredIn, hanaIn) = (w.olga, w.leeds, w.hull, w.fredIn, w.hanaIn)
            let nina = try await Seed.person(app, email: "nina@books.example", name: "Nina Named", organisation: w.firm)
            let hugo = try await Seed.person(app, email: "hugo@harbour.example", name: "Hugo Named", organisation: w.other)
            let ctx = ActionContext(app)
            for (n, tlp) in TLP.allCases.enumerated() {
                for (community, author, prefix) in [(leeds, fredIn, "Leeds"), (hull, hanaIn, "Hull")] {
                    let named = prefix == "Leeds" ? try nina.requireID() : try hugo.requireID()
                    _ = try await ReportActions.publish(.init(kind: "phishing", title: "\(prefix) \(tlp.label)", summary: "Watch out.", tlp: tlp.rawValue,
                                                              anonymous: false, recipients: tlp == .red ? [named] : [],
                                                              indicators: ["198.51.\(n).\(prefix.count)"]),
                                                        in: community, by: author, ctx: ctx)
                }
            }
            let created = try await PeerAccounts.create(name: "Madrid", by: try SignedIn(person: olga, organisation: nil, sessionID: nil, stage: .full),
                                                        ctx: ctx)
            XCTAssertTrue(created.token.hasPrefix("swf_"))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: created.token)
            func get(_ path: String) async throws -> XCTHTTPResponse { try await app.testable().sendRequest(.GET, path, headers: headers) }
            func titles(_ collection: UUID) async throws -> [String] {
                let page = try await get("/taxii2/api/collections/\(collection)/objects/?match[type]=report")
                XCTAssertEqual(page.status, .ok, page.body.string)
                return ((page.json["objects"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }.sorted()
            }
            func collections() async throws -> [String] {
                ((try await get("/taxii2/api/collections/").json["collections"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String }
            }
            expectEqual(try await collections(), ["TLP:GREEN", "TLP:CLEAR"])
            expectEqual(try await titles(Taxii.green), ["Hull TLP:GREEN", "Leeds TLP:GREEN"])
            expectEqual(try await titles(Taxii.clear), ["Hull TLP:CLEAR", "Leeds TLP:CLEAR"])
            expectEqual(try await get("/taxii2/api/collections/\(try leeds.requireID())/objects/").status, .notFound)

            // A day later, Leeds's facilitator lets Madrid read its AMBER: a Leeds collection appears, never with AMBER+STRICT or RED,
            // and to Madrid the AMBER report arrived when they agreed (a peer reading on from its cursor gets it too).
            let before = StixBundle.timestamp(world.time.now)
            world.time.advance(by: 86_400)
            let standing = try await CommunityStandings.standing(of: fredIn, in: leeds, on: app.db)
            try await PeerAccounts.share(try created.account.requireID(), community: leeds, standing: standing, agree: true, by: fredIn,
                                         ctx: ActionContext(app))
            expectEqual(try await collections(), ["Leeds Shops", "TLP:GREEN", "TLP:CLEAR"])
            expectEqual(try await titles(try leeds.requireID()), ["Leeds TLP:AMBER", "Leeds TLP:CLEAR", "Leeds TLP:GREEN"])
            let since = try await get("/taxii2/api/collections/\(try leeds.requireID())/objects/?match[type]=report&added_after=\(before)")
            XCTAssertEqual(((since.json["objects"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }, ["Leeds TLP:AMBER"], since.body.string)
            expectEqual(try await titles(Taxii.green), ["Hull TLP:GREEN", "Leeds TLP:GREEN"])
            // Only the facilitator agrees.
            let hullStanding = try await CommunityStandings.standing(of: hanaIn, in: leeds, on: app.db)
            do {
                try await PeerAccounts.share(try created.account.requireID(), community: leeds, standing: hullStanding, agree: false, by: hanaIn, ctx: ctx)
                XCTFail("someone else's facilitator withdrew Leeds's agreement")
            } catch let refusal as Refusal { XCTAssertEqual(refusal.status, .forbidden) }

            // It never writes.
            var post = headers
            post.replaceOrAdd(name: .contentType, value: Taxii.mediaType)
            let write = try await app.testable().sendRequest(.POST, "/taxii2/api/collections/\(try leeds.requireID())/objects/", headers: post,
                                                             body: ByteBuffer(string: "{\"objects\": []}"))
            XCTAssertEqual(write.status, .forbidden)

            // A report pulled from a third instance is passed on only if the operator re-shares that instance's reports.
            let third = FederationPeer()
            third.name = "Lisbon"; third.apiRoot = "https://lisbon.example/taxii2/api/"; third.collectionsText = "c"
            third.$community.id = try hull.requireID(); third.highestTLP = .green; third.reshare = false; third.intervalMinutes = 60
            third.paused = true; third.$createdBy.id = try olga.requireID(); third.createdAt = ctx.now; third.nextPullAt = ctx.now
            third.failures = 0; third.objectsPulled = 0; third.lastObjects = 0; third.lastWithheld = 0
            try await third.create(on: app.db)
            let found = try await ThreatReport.query(on: app.db).filter(\.$title == "Hull TLP:GREEN").first()
            let pulled = try XCTUnwrap(found)
            let origin = ReportOrigin()
            origin.$report.id = try pulled.requireID(); origin.$peer.id = try third.requireID(); origin.collectionID = "c"; origin.pulledAt = ctx.now
            try await origin.create(on: app.db)
            expectEqual(try await titles(Taxii.green), ["Leeds TLP:GREEN"])
            third.reshare = true
            try await third.update(on: app.db)
            try await ThreatDataVersion.bump(on: app.db)
            expectEqual(try await titles(Taxii.green), ["Hull TLP:GREEN", "Leeds TLP:GREEN"])

            // Revoked, it reads nothing.
            try await PeerAccounts.revoke(try created.account.requireID(), by: try SignedIn(person: olga, organisation: nil, sessionID: nil, stage: .full),
                                          ctx: ctx)
            expectEqual(try await get("/taxii2/api/collections/").status, .unauthorized)
        }
    }
}
