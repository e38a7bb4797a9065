import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A firm's bouncer pulling the CrowdSec local API's shapes from Shieldwall: its communities' blocklists plus its own
/// blocks, minus its allowlist; everything at startup, then only what changed.
final class DecisionStreamTests: XCTestCase {
    struct World {
        let app: Application
        let firm: UUID
        let admin: TestBrowser
        let staff: TestBrowser
        let key: String
    }

    func makeWorld(_ app: Application) async throws -> World {
        let a = try await Seed.organisation(app, name: "Hartley's Bakery"), b = try await Seed.organisation(app, name: "Quayside Books")
        let adminA = try await Seed.person(app, email: "admin@bakery.example", organisation: a, role: .admin)
        _ = try await Seed.person(app, email: "staff@bakery.example", organisation: a, role: .staff)
        let author = try await Seed.person(app, email: "admin@books.example", organisation: b, role: .admin)
        let facilitator = try await Seed.person(app, email: "fac@experts.example")
        let community = try await Seed.community(app, facilitator: facilitator, firms: [a, b])
        community.blocklistMinimumFirms = 1
        try await community.update(on: app.db)
        for person in [adminA, author] { try await Seed.acceptCharter(app, community, by: person) }
        let shared = try await app.api(.POST, "/communities/\(community.slug)/reports", token: try await Seed.token(app, for: author), json: """
            {"kind": "incident", "tlp": "green", "title": "Credential stuffing on our shop", "summary": "Logins from these.",
             "indicators": ["45.95.147.236", "185.220.101.0/24", "bad-shop.top"]}
            """)
        XCTAssertEqual(shared.status, .created, shared.body.string)
        let admin = try await TestBrowser.signedIn(app, "admin@bakery.example")
        let key = try await admin.createIntegrationKey(try a.requireID(), name: "Firewall bouncer", scopes: ["decisions"])
        return World(app: app, firm: try a.requireID(), admin: admin, staff: try await TestBrowser.signedIn(app, "staff@bakery.example"), key: key)
    }

    func pull(_ w: World, _ query: String, key: String? = nil) async throws -> (new: [String], deleted: [String], body: [String: Any]) {
        let response = try await w.app.testable().sendRequest(.GET, CrowdSecURL.decisionsStream.path + query, headers: ["X-Api-Key": key ?? w.key])
        XCTAssertEqual(response.status, .ok, response.body.string)
        let json = response.json
        func values(_ name: String) -> [String] { (json[name] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String } }
        return (values("new"), values("deleted"), json)
    }

    func testABouncerGetsTheCommunityListThenOnlyWhatChanged() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let start = try await pull(w, "?startup=true&scopes=ip,range")
            XCTAssertEqual(start.new, ["185.220.101.0/24", "45.95.147.236"], "network addresses only, never the domain")
            XCTAssertEqual(start.deleted, [])
            let first = try XCTUnwrap((start.body["new"] as? [[String: Any]])?.last)
            XCTAssertEqual(first["scope"] as? String, "Ip")
            XCTAssertEqual(first["type"] as? String, "ban")
            XCTAssertTrue((first["duration"] as? String ?? "").hasSuffix("s"), "a Go duration")
            XCTAssertNotNil(first["id"] as? Int)

            let quiet = try await pull(w, "?scopes=ip,range")
            XCTAssertEqual(quiet.new + quiet.deleted, [], "nothing changed, nothing sent")

            // One click on the dashboard: the bouncer gets it at its next pull.
            let blocked = try await w.admin.post(SiteURL.organisationSecurityBlocks(w.firm).path,
                                                 pairs: [("addresses", "91.240.118.172"), ("reason", "Guessing our till passwords")])
            XCTAssertEqual(blocked.status, .seeOther, blocked.body.string)
            let afterBlock = try await pull(w, "?scopes=ip,range")
            XCTAssertEqual(afterBlock.new, ["91.240.118.172"])

            // The firm allowlists one of the community's addresses: the bouncer lets it through.
            let allowed = try await w.admin.post(SiteURL.organisationAllowlist(w.firm).path, pairs: [("value", "45.95.147.236"), ("note", "our payment provider")])
            XCTAssertEqual(allowed.status, .seeOther)
            let afterAllow = try await pull(w, "?scopes=ip,range")
            XCTAssertEqual(afterAllow.deleted, ["45.95.147.236"])
            XCTAssertEqual(afterAllow.new, [])

            let block = try await FirmBlock.query(on: w.app.db).first()
            let id = try XCTUnwrap(block).requireID()
            let lifted = try await w.admin.post(SiteURL.organisationSecurityBlockRemove(w.firm, id).path, pairs: [])
            XCTAssertEqual(lifted.status, .seeOther)
            let afterLift = try await pull(w, "?scopes=ip,range")
            XCTAssertEqual(afterLift.deleted, ["91.240.118.172"])

            // CrowdSec's default scope is single addresses.
            let ipOnly = try await pull(w, "?startup=true")
            XCTAssertEqual(ipOnly.new, [])
        }
    }

    func testLookupAndWhatIsRefused() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            func lookup(_ ip: String, key: String? = nil) async throws -> XCTHTTPResponse {
                try await w.app.testable().sendRequest(.GET, CrowdSecURL.decisions.path + "?ip=\(ip)", headers: ["X-Api-Key": key ?? w.key])
            }
            let inRange = try await lookup("185.220.101.7")
            XCTAssertEqual(inRange.status, .ok)
            let found = try JSONSerialization.jsonObject(with: Data(inRange.body.string.utf8)) as? [[String: Any]]
            XCTAssertEqual(found?.compactMap { $0["value"] as? String }, ["185.220.101.0/24"], inRange.body.string)
            let nothing = try await lookup("192.0.2.1")
            XCTAssertEqual(nothing.body.string, "null", "CrowdSec's answer for nothing")
            let notIP = try await lookup("not-an-ip")
            XCTAssertEqual(notIP.status, .badRequest)

            let alertsOnly = try await w.admin.createIntegrationKey(w.firm, name: "Alerts only")
            let wrongScope = try await lookup("185.220.101.7", key: alertsOnly)
            XCTAssertEqual(wrongScope.status, .forbidden)
            let none = try await w.app.testable().sendRequest(.GET, CrowdSecURL.decisionsStream.path + "?startup=true")
            XCTAssertEqual(none.status, .unauthorized)
            let badScope = try await w.app.testable().sendRequest(.GET, CrowdSecURL.decisionsStream.path + "?scopes=country", headers: ["X-Api-Key": w.key])
            XCTAssertEqual(badScope.status, .badRequest)

            for (addresses, words) in [("8.8.8.8", "must never be blocked"), ("bad-shop.top", "is not an IP address"),
                                       (Array(repeating: "91.240.118.1", count: 101).joined(separator: "\n"), "At most 100")] {
                let refused = try await w.admin.post(SiteURL.organisationSecurityBlocks(w.firm).path, pairs: [("addresses", addresses)])
                XCTAssertEqual(refused.status, .unprocessableEntity)
                XCTAssertTrue(refused.body.string.contains(words), "\(words): \(refused.body.string)")
            }
            let staff = try await w.staff.post(SiteURL.organisationSecurityBlocks(w.firm).path, pairs: [("addresses", "91.240.118.172")])
            XCTAssertEqual(staff.status, .forbidden)
            try await expectEqual(try await FirmBlock.query(on: w.app.db).count(), 0)
        }
    }

    func testTheDashboardSaysWhichAlertAddressesTheCommunityWarnedOf() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let alerts = try await w.admin.createIntegrationKey(w.firm, name: "CrowdSec", scopes: ["alerts"])
            let now = AlertSamples.iso(world.app.shieldwall.time.now)
            for address in ["45.95.147.236", "185.220.101.44", "91.240.118.9"] {
                let sent = try await world.app.ingest(AlertSamples.ours(now, address: address, summary: "probe from \(address)"), key: alerts)
                XCTAssertEqual(sent.status, .ok, sent.body.string)
            }
            let page = try await w.staff.get(SiteURL.organisationSecurity(w.firm).path)
            let known = try XCTUnwrap(page.body.string.components(separatedBy: "id=\"known\"").last?.components(separatedBy: "id=\"blocks\"").first)
            XCTAssertTrue(known.contains("45.95.147.236"), known)
            XCTAssertTrue(known.contains("185.220.101.0/24"), "an address inside a listed range: \(known)")
            XCTAssertFalse(known.contains("91.240.118.9"), "an address nobody listed")
            XCTAssertFalse(known.contains("Quayside Books"), "which firm shared it is not said")
        }
    }

    func testBlocksThroughTheAPIReachTheBouncerAndLiftAgain() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            _ = try await pull(w, "?startup=true&scopes=ip,range")
            let admin = try await Person.query(on: w.app.db).filter(\.$email == "admin@bakery.example").firstOrFail()
            let token = try await Seed.token(w.app, for: admin)
            let created = try await w.app.api(.POST, "/organisations/\(w.firm)/blocks", token: token,
                                              json: #"{"addresses": ["91.240.118.60", "2001:67c:2e8::/48"], "reason": "Scanning the till", "days": 2}"#)
            XCTAssertEqual(created.status, .created, created.body.string)
            let blocks = try XCTUnwrap(created.body.string.data(using: .utf8).flatMap { try JSONSerialization.jsonObject(with: $0) as? [[String: Any]] })
            XCTAssertEqual(Set(blocks.compactMap { $0["value"] as? String }), ["91.240.118.60", "2001:67c:2e8::/48"])
            let afterBlock = try await pull(w, "?scopes=ip,range")
            XCTAssertEqual(Set(afterBlock.new), ["91.240.118.60", "2001:67c:2e8::/48"])

            let id = try XCTUnwrap(blocks.first { $0["value"] as? String == "91.240.118.60" }?["id"] as? String)
            let lifted = try await w.app.api(.DELETE, "/organisations/\(w.firm)/blocks/\(id)", token: token)
            XCTAssertEqual(lifted.status, .noContent, lifted.body.string)
            let afterLift = try await pull(w, "?scopes=ip,range")
            XCTAssertEqual(afterLift.deleted, ["91.240.118.60"])
            let listed = try await w.app.api(.GET, "/organisations/\(w.firm)/blocks", token: token)
            XCTAssertFalse(listed.body.string.contains("91.240.118.60"))
            XCTAssertTrue(listed.body.string.contains("Scanning the till"))
        }
    }

    func testTheHandWrittenStreamJSONIsWhatJSONEncoderWrites() throws {
        let odd = DecisionStream.Decision(id: 7, origin: "shieldwall", type: "ban", scope: "Ip", value: "45.95.147.236", duration: "1h0m0s",
                                          scenario: "shieldwall/community/a\"b\\c\u{1}é", simulated: false)
        let range = DecisionStream.Decision(id: 2_147_483_000, origin: "shieldwall", type: "ban", scope: "Range", value: "185.220.101.0/24",
                                            duration: "719h59m59s", scenario: "shieldwall/firm-block", simulated: true)
        for response in [DecisionStream.StreamResponse(new: [odd, range], deleted: [range]), DecisionStream.StreamResponse(new: [], deleted: [])] {
            let ours = try JSONSerialization.jsonObject(with: Data(buffer: response.json())) as? NSDictionary
            let encoder = try JSONSerialization.jsonObject(with: JSONEncoder().encode(response)) as? NSDictionary
            XCTAssertEqual(ours, encoder)
        }
    }
}
