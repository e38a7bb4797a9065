import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

final class EventsAndFeedTests: XCTestCase {
    /// Reads the VEVENTs of an RFC 5545 text, unfolding continuation lines first.
    func parseEvents(_ text: String) -> [[String: String]] {
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        var events: [[String: String]] = []
        var current: [String: String]?
        for line in unfolded.components(separatedBy: "\r\n") {
            if line == "BEGIN:VEVENT" { current = [:] }
            else if line == "END:VEVENT", let c = current { events.append(c); current = nil }
            else if let colon = line.firstIndex(of: ":"), current != nil {
                current?[String(line[..<colon])] = String(line[line.index(after: colon)...])
            }
        }
        return events
    }

    func testPrivateCalendarFeedFollowsMembership() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let fac = try await Seed.person(app, email: "fac@shop.example", organisation: firm, role: .admin)
            let community = try await Seed.community(app, facilitator: fac, firms: [firm])
            _ = try await Seed.event(app, in: community, title: "Backups, explained; with coffee")
            _ = try await Seed.event(app, in: community, title: "Phishing clinic", startsIn: 7 * 86400)
            let browser = TestBrowser(app)
            try await browser.signIn("fac@shop.example")
            try await browser.get(SiteURL.communityEvents(community.slug).path)
            let page = try await browser.post(SiteURL.communityCalendarToken(community.slug).path)
            let url = try XCTUnwrap(page.text(ofID: "calendar-feed"))
            let path = String(url.dropFirst("http://127.0.0.1:8080".count))
            let anonymous = TestBrowser(app)
            let feed = try await anonymous.get(path)
            XCTAssertEqual(feed.status, .ok, "the token is the key; no session needed")
            XCTAssertEqual(feed.headers.contentType?.description, "text/calendar; charset=utf-8")
            let events = parseEvents(feed.body.string)
            XCTAssertEqual(events.count, 2)
            XCTAssertEqual(events.first?["SUMMARY"], "Backups\\, explained\\; with coffee (Leeds Shops)")
            XCTAssertNotNil(events.first?["UID"])
            XCTAssertNotNil(events.first?["DTSTAMP"])

            // A new address replaces the old one.
            try await browser.get(SiteURL.communityEvents(community.slug).path)
            try await browser.post(SiteURL.communityCalendarToken(community.slug).path)
            let old = try await anonymous.get(path)
            XCTAssertEqual(old.status, .notFound)
        }
    }

    func testFeedStopsWhenTheFirmLeaves() async throws {
        try await withApp { world in
            let app = world.app
            let firmA = try await Seed.organisation(app, name: "A"), firmB = try await Seed.organisation(app, name: "B")
            let fac = try await Seed.person(app, email: "fac@a.example", organisation: firmA, role: .admin)
            let member = try await Seed.person(app, email: "admin@b.example", organisation: firmB, role: .admin)
            let community = try await Seed.community(app, facilitator: fac, firms: [firmA, firmB])
            try await Seed.acceptCharter(app, community, by: member)
            _ = try await Seed.event(app, in: community)
            let b = TestBrowser(app)
            try await b.signIn("admin@b.example")
            try await b.get(SiteURL.communityEvents(community.slug).path)
            let page = try await b.post(SiteURL.communityCalendarToken(community.slug).path)
            let path = String(try XCTUnwrap(page.text(ofID: "calendar-feed")).dropFirst("http://127.0.0.1:8080".count))
            let before = try await TestBrowser(app).get(path)
            XCTAssertEqual(before.status, .ok)
            try await b.get(SiteURL.community(community.slug).path)
            let left = try await b.post(SiteURL.communityLeave(community.slug).path)
            XCTAssertEqual(left.status, .seeOther)
            let after = try await TestBrowser(app).get(path)
            XCTAssertEqual(after.status, .notFound)
            let firms = try await CommunityOrganisation.query(on: app.db).filter(\.$status == .former).count()
            XCTAssertEqual(firms, 1, "leaving keeps the history as a former member")
            let facPage = try await { () async throws -> XCTHTTPResponse in
                let f = TestBrowser(app)
                try await f.signIn("fac@a.example")
                return try await f.get(SiteURL.community(community.slug).path)
            }()
            XCTAssertTrue(facPage.body.string.contains("former member"))
        }
    }

    func testAttendanceFeedsTheHealthFigures() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let fac = try await Seed.person(app, email: "fac@shop.example", organisation: firm, role: .admin)
            let staff = try await Seed.person(app, email: "tom@shop.example", organisation: firm, role: .staff)
            let community = try await Seed.community(app, facilitator: fac, firms: [firm])
            try await Seed.acceptCharter(app, community, by: staff)
            let event = try await Seed.event(app, in: community, startsIn: 3600)
            let tom = TestBrowser(app)
            try await tom.signIn("tom@shop.example")
            try await tom.get(SiteURL.communityEvent(community.slug, try event.requireID()).path)
            try await tom.post(SiteURL.communityEventRSVP(community.slug, try event.requireID()).path, ["answer": "going"])
            let fac1 = TestBrowser(app)
            try await fac1.signIn("fac@shop.example")
            try await fac1.get(SiteURL.communityEvent(community.slug, try event.requireID()).path)
            let early = try await fac1.post(SiteURL.communityEventAttendance(community.slug, try event.requireID()).path,
                                            ["attended[]": try staff.requireID().uuidString])
            XCTAssertEqual(early.status, .unprocessableEntity)
            XCTAssertTrue(early.body.string.contains("once the event has started"))
            world.time.advance(by: 2 * 3600)
            try await fac1.signIn("fac@shop.example")
            try await fac1.get(SiteURL.communityEvent(community.slug, try event.requireID()).path)
            let taken = try await fac1.post(SiteURL.communityEventAttendance(community.slug, try event.requireID()).path,
                                            ["attended[]": try staff.requireID().uuidString])
            XCTAssertEqual(taken.status, .seeOther)
            let health = try await fac1.get(SiteURL.communityHealth(community.slug).path)
            XCTAssertTrue(health.body.string.contains("100 %"), "one said going, one came")
            XCTAssertTrue(health.body.string.contains("<svg"), "the chart is drawn on the server")
            try await tom.signIn("tom@shop.example")
            let staffHealth = try await tom.get(SiteURL.communityHealth(community.slug).path)
            XCTAssertEqual(staffHealth.status, .notFound, "figures are for the facilitator and operators")
        }
    }
}
