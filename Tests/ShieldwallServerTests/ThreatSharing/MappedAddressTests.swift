import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// `::ffff:45.95.147.236` is how a dual-stack server logs the IPv4 client 45.95.147.236: one indicator.
extension ThreatSharingTests {
    func testAnIPv4MappedAddressIsReportedAndLookedUpAsItsIPv4Address() async throws {
        try await withCommunity { w, _ in
            let memberToken = try await Seed.token(w.app, for: w.member)
            let author = try SignedIn(person: w.author, organisation: w.authorFirm, sessionID: nil, stage: .full)
            _ = try await ReportActions.publish(.init(kind: "incident", title: "Stuffing", summary: "s", tlp: "green",
                                                      indicators: ["45.95.147.236", "::ffff:45.95.147.236", "::ffff:45.95.147.237"]),
                                                in: w.community, by: author, ctx: ActionContext(w.app))
            let stored = try await Indicator.query(on: w.app.db).all().map { "\($0.type) \($0.value)" }.sorted()
            XCTAssertEqual(stored, ["ipv4 45.95.147.236", "ipv4 45.95.147.237"], "reported twice in two spellings: one indicator")
            let lookup = try await w.app.api(.POST, "/indicators/lookup", token: memberToken,
                                             json: #"{"values": ["::ffff:45.95.147.236", "::FFFF:2D5F:93ED", "::ffff:45.95.147.238"]}"#)
            let answers = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lookup.body.string.utf8)) as? [[String: Any]], lookup.body.string)
            XCTAssertEqual(answers.compactMap { $0["normalised"] as? String }, ["45.95.147.236", "45.95.147.237", "45.95.147.238"])
            XCTAssertEqual(answers.compactMap { $0["known"] as? Bool }, [true, true, false])
        }
    }

    func testMappedAddressesStoredBeforeTheUpgradeBecomeTheirIPv4IndicatorsLosingNothing() async throws {
        try await withCommunity { w, world in
            let app = w.app, now = world.time.now
            let memberToken = try await Seed.token(app, for: w.member)
            let author = try SignedIn(person: w.author, organisation: w.authorFirm, sessionID: nil, stage: .full)
            let first = try await ReportActions.publish(.init(kind: "incident", title: "Stuffing", summary: "s", tlp: "green", indicators: ["45.95.147.236"]),
                                                        in: w.community, by: author, ctx: ActionContext(app))
            let second = try await ReportActions.publish(.init(kind: "incident", title: "Phish", summary: "s", tlp: "green", indicators: ["evil.example"]),
                                                         in: w.community, by: author, ctx: ActionContext(app))
            // Stored as the code before this one wrote them: the IPv6 spelling, beside the IPv4 one for the first.
            let twin = Indicator(IndicatorValue(type: .ipv6, value: "::ffff:2d5f:93ec"), createdAt: now)
            let lone = Indicator(IndicatorValue(type: .ipv6, value: "::ffff:c633:6407"), createdAt: now)
            let range = Indicator(IndicatorValue(type: .cidr, value: "::ffff:2d5f:9300/120"), createdAt: now)
            let wide = Indicator(IndicatorValue(type: .cidr, value: "::fffe:0:0/95"), createdAt: now)
            for i in [twin, lone, range, wide] { try await i.create(on: app.db) }
            let ipv4 = try await Indicator.query(on: app.db).filter(\.$value == "45.95.147.236").firstOrFail().requireID()
            for report in [first, second] {
                try await ReportIndicator(reportID: try report.requireID(), indicatorID: try twin.requireID(), createdAt: now).create(on: app.db)
            }
            let community = try w.community.requireID()
            for (indicator, person) in [(ipv4, w.member), (try twin.requireID(), w.member), (try twin.requireID(), w.author)] {
                try await IndicatorConfirmation(indicatorID: indicator, communityID: community, personID: try person.requireID(), createdAt: now).create(on: app.db)
            }
            let sighted = try await app.api(.POST, "/indicators/\(try twin.requireID())/sightings", token: memberToken,
                                            json: #"{"community": "\#(w.community.slug)", "count": 7}"#)
            XCTAssertEqual(sighted.status, .created, sighted.body.string)
            let firm = try w.memberFirm.requireID()
            for value in ["::ffff:c633:6407", "198.51.100.7"].map({ IndicatorValue(type: $0.contains(":") ? .ipv6 : .ipv4, value: $0) }) {
                try await AllowlistEntry(organisationID: firm, value: value, note: "ours", createdAt: now).create(on: app.db)
            }

            for _ in 1...2 { try await FoldIPv4MappedAddresses().prepare(on: app.db) }  // the second run finds nothing to do

            let stored = try await Indicator.query(on: app.db).all().map { "\($0.type) \($0.value)" }.sorted()
            XCTAssertEqual(stored, ["cidr 45.95.147.0/24", "cidr ::fffe:0:0/95", "domain evil.example", "ipv4 198.51.100.7", "ipv4 45.95.147.236"])
            let links = try await ReportIndicator.query(on: app.db).filter(\.$indicator.$id == ipv4).all().map(\.$report.id)
            XCTAssertEqual(Set(links), [try first.requireID(), try second.requireID()], "both reports name it, the first once")
            XCTAssertEqual(links.count, 2)
            let sightings = try await Sighting.query(on: app.db).all()
            XCTAssertEqual(sightings.map(\.$indicator.id), [ipv4])
            XCTAssertEqual(sightings.map(\.count), [7])
            let confirmations = try await IndicatorConfirmation.query(on: app.db).all()
            XCTAssertEqual(Set(confirmations.map(\.$indicator.id)), [ipv4])
            XCTAssertEqual(Set(confirmations.map(\.$person.id)), [w.member.id, w.author.id], "each person's confirmation, once")
            XCTAssertEqual(confirmations.count, 2)
            let allowed = try await AllowlistEntry.query(on: app.db).all().map { "\($0.type) \($0.value)" }
            XCTAssertEqual(allowed, ["ipv4 198.51.100.7"], "the firm's two entries for one address are one")
        }
    }
}
