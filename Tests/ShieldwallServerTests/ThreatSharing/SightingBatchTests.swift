import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// `POST /api/v1/communities/SLUG/sightings`: what `shieldwall scan` sends back, many counts in one request.
extension ThreatSharingTests {
    func testManySightingsAtOnceAsTheScannerSendsThem() async throws {
        try await withCommunity { w, _ in
            let memberToken = try await Seed.token(w.app, for: w.member), outsiderToken = try await Seed.token(w.app, for: w.outsider)
            let author = try SignedIn(person: w.author, organisation: w.authorFirm, sessionID: nil, stage: .full)
            _ = try await ReportActions.publish(.init(kind: "incident", title: "Stuffing", summary: "s", tlp: "green",
                                                      indicators: ["45.95.147.236", "evil.example"]), in: w.community, by: author, ctx: ActionContext(w.app))
            _ = try await ReportActions.publish(.init(kind: "incident", title: "For Erin", summary: "s", tlp: "red", recipients: [try w.expert.requireID()],
                                                      indicators: ["bad-shop.top"]), in: w.community, by: author, ctx: ActionContext(w.app))
            let path = "/communities/\(w.community.slug)/sightings"
            let now = Int(w.app.shieldwall.time.now.timeIntervalSince1970)
            let first = ISO8601.format(now - 2 * 86_400), last = ISO8601.format(now - 86_400)

            // Every bad item is named, by its place in the list, and nothing is written.
            let bad = try await w.app.api(.POST, path, token: memberToken, json: """
                {"source": "scan", "sightings": [{"value": "45.95.147.236", "count": 3}, {"value": "evil.example", "count": 0},
                 {"value": "not a thing"}, {"value": "evil.example", "first_seen": "\(last)", "last_seen": "\(first)"}]}
                """)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertEqual((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String },
                           ["sightings[1].count", "sightings[2].value", "sightings[3].first_seen"])
            XCTAssertTrue(bad.body.string.contains("Indicator 3 (not a thing) is not an address"), bad.body.string)
            expectEqual(try await Sighting.query(on: w.app.db).count(), 0)

            // Values she may see are counted; the TLP:RED one she was not sent reads as unknown, like one never shared.
            let sent = try await w.app.api(.POST, path, token: memberToken, json: """
                {"source": "scan", "sightings": [{"value": "45.95.147.236", "count": 12, "first_seen": "\(first)", "last_seen": "\(last)"},
                 {"value": "EVIL.example"}, {"value": "bad-shop.top", "count": 5}, {"value": "never-shared.example", "count": 2}]}
                """)
            XCTAssertEqual(sent.status, .ok, sent.body.string)
            XCTAssertEqual(sent.json["recorded"] as? Int, 2)
            XCTAssertEqual(sent.json["unknown"] as? [String], ["bad-shop.top", "never-shared.example"])
            let rows = try await Sighting.query(on: w.app.db).with(\.$indicator).all()
            XCTAssertEqual(rows.map(\.indicator.value).sorted(), ["45.95.147.236", "evil.example"])
            XCTAssertTrue(rows.allSatisfy { $0.source.rawValue == "scan" && $0.$organisation.id == w.memberFirm.id && $0.$community.id == w.community.id })
            let address = try XCTUnwrap(rows.first { $0.indicator.value == "45.95.147.236" })
            XCTAssertEqual(address.count, 12)
            XCTAssertEqual(ISO8601.format(Int(address.firstSeen.timeIntervalSince1970)), first)
            XCTAssertEqual(ISO8601.format(Int(address.lastSeen.timeIntervalSince1970)), last)
            let lookup = try await w.app.api(.POST, "/indicators/lookup", token: memberToken, json: #"{"values": ["45.95.147.236"]}"#)
            let answers = try JSONSerialization.jsonObject(with: Data(lookup.body.string.utf8)) as? [[String: Any]]
            XCTAssertEqual((answers?.first?["indicator"] as? [String: Any])?["sightings"] as? Int, 12, "the count shows at once")

            // Another community's member, no one signed in, too many, none.
            expectEqual(try await w.app.api(.POST, path, token: outsiderToken, json: #"{"sightings": [{"value": "45.95.147.236"}]}"#).status, .notFound)
            expectEqual(try await w.app.api(.POST, path, token: nil, json: #"{"sightings": [{"value": "45.95.147.236"}]}"#).status, .unauthorized)
            let many = "[" + Array(repeating: #"{"value": "45.95.147.236"}"#, count: 1_001).joined(separator: ",") + "]"
            expectEqual(try await w.app.api(.POST, path, token: memberToken, json: #"{"sightings": \#(many)}"#).status, .unprocessableEntity)
            expectEqual(try await w.app.api(.POST, path, token: memberToken, json: #"{"sightings": []}"#).status, .unprocessableEntity)
            expectEqual(try await Sighting.query(on: w.app.db).count(), 2)
        }
    }
}
