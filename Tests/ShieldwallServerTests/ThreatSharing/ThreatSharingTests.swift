import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

final class ThreatSharingTests: XCTestCase {
    struct World {
        let app: Application
        let community: Community
        let author: Person, member: Person, expert: Person, outsider: Person
        let authorFirm: Organisation, memberFirm: Organisation
    }

    func withCommunity(_ body: (World, TestWorld) async throws -> Void) async throws {
        try await withApp { world in
            let app = world.app
            let authorFirm = try await Seed.organisation(app, name: "Corner Bakery"), memberFirm = try await Seed.organisation(app, name: "Quayside Books")
            let otherFirm = try await Seed.organisation(app, name: "Far Away Ltd")
            let author = try await Seed.person(app, email: "alice@bakery.example", name: "Alice Author", organisation: authorFirm, role: .admin)
            let member = try await Seed.person(app, email: "mia@books.example", name: "Mia Member", organisation: memberFirm, role: .admin)
            let expert = try await Seed.person(app, email: "erin@expert.example", name: "Erin Expert")
            let outsider = try await Seed.person(app, email: "otto@faraway.example", organisation: otherFirm, role: .admin)
            let community = try await Seed.community(app, name: "Leeds Shops", facilitator: expert, firms: [authorFirm, memberFirm])
            _ = try await Seed.community(app, name: "Far Group", facilitator: outsider, firms: [otherFirm])
            for p in [author, member] { try await Seed.acceptCharter(app, community, by: p) }
            try await body(World(app: app, community: community, author: author, member: member, expert: expert, outsider: outsider,
                                 authorFirm: authorFirm, memberFirm: memberFirm), world)
        }
    }

    let headers = """
        Return-Path: <invoices@paypa1-billing[.]com>
        Received: from mail.paypa1-billing.com (unknown [45.95.147.236])
        X-Originating-IP: 192.168.1.20
        Click hxxps://paypa1-billing[.]com/pay?ref=8812 now
        """

    func testPasteReviewPublishThenAMemberSightsIt() async throws {
        try await withCommunity { w, _ in
            let alice = TestBrowser(w.app)
            try await alice.signIn(w.author.email)
            let form = SiteURL.communityReportNew(w.community.slug).path
            expectEqual(try await alice.get(form).status, .ok)
            // Review: the values are found, refanged, and the private address is left unticked.
            let review = try await alice.post(form, ["kind": "phishing", "title": "Fake PayPal invoices", "summary": "Do not pay.",
                                                     "tlp": "amber", "paste": headers, "step": "review"])
            XCTAssertEqual(review.status, .ok)
            let page = review.body.string
            for value in ["https://paypa1-billing.com/pay?ref=8812", "paypa1-billing.com", "invoices@paypa1-billing.com", "45.95.147.236"] {
                XCTAssertTrue(page.contains("value=\"\(value)\" checked"), "\(value) ticked")
            }
            XCTAssertTrue(page.contains("value=\"192.168.1.20\""), "private address listed")
            XCTAssertFalse(page.contains("value=\"192.168.1.20\" checked"), "private address not ticked")
            XCTAssertTrue(page.contains("Private network (RFC 1918)"))
            // Publish what was ticked.
            let published = try await alice.post(form, pairs: [
                ("kind", "phishing"), ("title", "Fake PayPal invoices"), ("summary", "Do not pay."), ("tlp", "amber"), ("paste", headers),
                ("reviewed", "true"), ("step", "publish"), ("indicators[]", "paypa1-billing.com"), ("indicators[]", "45.95.147.236"),
            ])
            XCTAssertEqual(published.status, .seeOther)
            let report = try await ThreatReport.query(on: w.app.db).firstOrFail()
            XCTAssertEqual(published.location, SiteURL.report(try report.requireID()).path)
            expectEqual(try await ReportIndicator.query(on: w.app.db).count(), 2, "only the ticked values")
            // A member sees it and says "we saw this too"; the count goes up, no firm is named.
            let mia = TestBrowser(w.app)
            try await mia.signIn(w.member.email)
            let shown = try await mia.get(SiteURL.report(try report.requireID()).path)
            XCTAssertTrue(shown.body.string.contains("Fake PayPal invoices"))
            XCTAssertTrue(shown.body.string.contains("TLP:AMBER"))
            let ip = try await Indicator.query(on: w.app.db).filter(\.$value == "45.95.147.236").firstOrFail()
            let sighted = try await mia.post(SiteURL.indicatorSightings(try ip.requireID()).path,
                                             ["community": try w.community.requireID().uuidString, "count": "3"])
            XCTAssertEqual(sighted.status, .seeOther)
            let indicatorPage = try await mia.get(SiteURL.indicator(try ip.requireID()).path)
            XCTAssertTrue(indicatorPage.body.string.contains("3 by 1 firm<"), "one firm, counted in the singular")
            XCTAssertFalse(indicatorPage.body.string.contains("Quayside Books"), "the sighting firm is never named")
            let mine = try await mia.get(SiteURL.sightings.path)
            XCTAssertTrue(mine.body.string.contains("45.95.147.236"))
            // Someone of another community does not see it at all.
            let otto = TestBrowser(w.app)
            try await otto.signIn(w.outsider.email)
            expectEqual(try await otto.get(SiteURL.report(try report.requireID()).path).status, .notFound)
            expectEqual(try await otto.get(SiteURL.indicator(try ip.requireID()).path).status, .notFound)
        }
    }

    /// A shop owner reads who may see a report in words; the TLP label sits beside it, STIX behind "For your IT person".
    func testMemberPagesSayWhoCanSeeInPlainWords() async throws {
        try await withCommunity { w, _ in
            let alice = TestBrowser(w.app)
            try await alice.signIn(w.author.email)
            let form = SiteURL.communityReportNew(w.community.slug).path
            let published = try await alice.post(form, pairs: [
                ("kind", "phishing"), ("title", "Fake PayPal invoices"), ("summary", "Do not pay."), ("tlp", "amber"), ("paste", headers),
                ("reviewed", "true"), ("step", "publish"), ("indicators[]", "paypa1-billing.com"),
            ])
            let reportPath = try XCTUnwrap(published.location)
            let mia = TestBrowser(w.app)
            try await mia.signIn(w.member.email)
            let report = try await mia.get(reportPath).body.string
            XCTAssertTrue(report.contains("Who can see this: members of this community, and people in their own firms who need to know."))
            XCTAssertTrue(report.contains("TLP:AMBER"), "the label stays beside the words")
            XCTAssertTrue(report.contains("href=\"/glossary#tlp\""), "the term links to its meaning")
            let stix = try XCTUnwrap(report.range(of: "Download as STIX 2.1"))
            let folded = try XCTUnwrap(report.range(of: "<details class=\"for-it\">"))
            XCTAssertLessThan(folded.lowerBound, stix.lowerBound, "STIX sits behind For your IT person")
            let list = try await mia.get(SiteURL.communityThreats(w.community.slug).path).body.string
            XCTAssertTrue(list.contains("<th>Who can see it</th>"))
            XCTAssertTrue(list.contains("data-label=\"Who can see it\">This community <span class=\"tlp tlp-amber\">TLP:AMBER</span>"))
            let glossary = try await TestBrowser(w.app).get(SiteURL.glossary.path)
            XCTAssertEqual(glossary.status, .ok, "open without an account")
            XCTAssertTrue(glossary.body.string.contains("<dt id=\"tlp-amber\">TLP:AMBER</dt>"))
            XCTAssertTrue(glossary.body.string.contains("<dt id=\"sighting\">Sighting</dt>"))
        }
    }

    func testBadInputIsNamedAndNothingIsWritten() async throws {
        try await withCommunity { w, _ in
            let token = try await Seed.token(w.app, for: w.author)
            let path = "/communities/\(w.community.slug)/reports"
            let bad = try await w.app.api(.POST, path, token: token, json: """
                {"kind": "phishing", "title": "", "summary": "x", "tlp": "purple",
                 "indicators": ["45.95.147.236", "fe80::1%eth0", "not a thing", "xn--a.example"]}
                """)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            let text = bad.body.string
            XCTAssertTrue(text.contains("title"), text)
            XCTAssertTrue(text.contains("Indicator 2 (fe80::1%eth0) has an IPv6 zone id"), text)
            XCTAssertTrue(text.contains("Indicator 3 (not a thing) is not an address"), text)
            expectEqual(try await ThreatReport.query(on: w.app.db).count(), 0)
            expectEqual(try await Indicator.query(on: w.app.db).count(), 0, "nothing half-written")
            // RED without recipients, huge bodies, wrong JSON types.
            let red = try await w.app.api(.POST, path, token: token, json: #"{"kind":"incident","title":"t","summary":"s","tlp":"red"}"#)
            XCTAssertEqual(red.status, .unprocessableEntity)
            XCTAssertTrue(red.body.string.contains("named people only"))
            let huge = try await w.app.api(.POST, path, token: token,
                                           json: #"{"kind":"incident","title":"t","summary":"s","narrative":"\#(String(repeating: "a", count: 60_000))"}"#)
            XCTAssertEqual(huge.status, .unprocessableEntity)
            let types = try await w.app.api(.POST, path, token: token, json: #"{"kind":"incident","title":"t","summary":"s","anonymous":"yes"}"#)
            XCTAssertEqual(types.status, .badRequest)
            XCTAssertTrue(types.body.string.contains("anonymous"))
            let tooMany = try await w.app.api(.POST, "/indicators/lookup", token: token,
                                              json: #"{"values": [\#(Array(repeating: "\"1.2.3.4\"", count: 1001).joined(separator: ","))]}"#)
            XCTAssertEqual(tooMany.status, .unprocessableEntity)
            // The web form keeps what was typed and says what is wrong.
            let alice = TestBrowser(w.app)
            try await alice.signIn(w.author.email)
            let form = try await alice.post(SiteURL.communityReportNew(w.community.slug).path,
                                            ["kind": "phishing", "title": "", "summary": "keep me", "tlp": "amber", "step": "publish"])
            XCTAssertEqual(form.status, .unprocessableEntity)
            XCTAssertTrue(form.body.string.contains("keep me"))
            expectEqual(try await ThreatReport.query(on: w.app.db).count(), 0)
        }
    }

    func testBlocklistFollowsTheRuleAndIsCheapToPoll() async throws {
        try await withCommunity { w, world in
            let authorToken = try await Seed.token(w.app, for: w.author), memberToken = try await Seed.token(w.app, for: w.member)
            let created = try await w.app.api(.POST, "/communities/\(w.community.slug)/reports", token: authorToken, json: """
                {"kind": "incident", "title": "Credential stuffing on our shop", "summary": "Logins from these.",
                 "indicators": ["45.95.147.236", "185.220.101.0/24", "8.8.8.8", "quayside-books.example", "bad-shop.top"]}
                """)
            XCTAssertEqual(created.status, .created, created.body.string)
            // The member firm lists its own domain.
            try await AllowlistEntry(organisationID: try w.memberFirm.requireID(), value: IndicatorValue(type: .domain, value: "quayside-books.example"),
                                     note: "our shop", createdAt: world.time.now).create(on: w.app.db)
            let mia = TestBrowser(w.app)
            try await mia.signIn(w.member.email)
            let tokenPage = try await mia.post(SiteURL.communityBlocklistToken(w.community.slug).path)
            let feed = try XCTUnwrap(tokenPage.text(ofID: "feed-txt")?.components(separatedBy: "/blocklists/").last?.replacingOccurrences(of: ".txt", with: ""))
            func download(_ query: String = "", etag: String? = nil) async throws -> XCTHTTPResponse {
                var h = HTTPHeaders()
                if let etag { h.replaceOrAdd(name: .ifNoneMatch, value: etag) }
                return try await w.app.testable().sendRequest(.GET, "/blocklists/\(feed)\(query)", headers: h)
            }
            expectEqual(try await download().body.string, "", "one firm alone is not enough")
            // A second firm sights two of them: they enter; the resolver and the member's own domain never do.
            for value in ["45.95.147.236", "bad-shop.top", "8.8.8.8", "quayside-books.example"] {
                let id = try await Indicator.query(on: w.app.db).filter(\.$value == value).firstOrFail().requireID()
                let s = try await w.app.api(.POST, "/indicators/\(id)/sightings", token: memberToken,
                                            json: #"{"community": "\#(w.community.slug)", "count": 12}"#)
                XCTAssertEqual(s.status, .created, s.body.string)
            }
            let plain = try await download()
            XCTAssertEqual(plain.body.string, "bad-shop.top\n45.95.147.236\n")
            let etag = try XCTUnwrap(plain.headers.first(name: .eTag))
            expectEqual(try await download(etag: etag).status, .notModified)
            let csv = try await download(".csv?type=ipv4")
            XCTAssertEqual(csv.headers.contentType?.subType, "csv")
            let lines = csv.body.string.split(separator: "\n")
            XCTAssertEqual(lines.first, "value,type,confidence,first_seen,last_seen,expires,link")
            XCTAssertTrue(lines.count == 2 && lines[1].hasPrefix("45.95.147.236,ipv4,45,"), csv.body.string)
            let page = try await Indicator.query(on: w.app.db).filter(\.$value == "45.95.147.236").firstOrFail().requireID()
            XCTAssertTrue(lines[1].hasSuffix(",http://127.0.0.1:8080/indicators/\(page.uuidString)"), "the indicator's page, for a person to follow")
            expectEqual(try await download("?min_confidence=101").status, .badRequest)
            expectEqual(try await download("?type=ipv5").status, .badRequest)
            // An expert retracts a false positive: it leaves the blocklist at once, the ETag changes.
            let erin = TestBrowser(w.app)
            try await erin.signIn(w.expert.email)
            let ip = try await Indicator.query(on: w.app.db).filter(\.$value == "45.95.147.236").firstOrFail()
            let noReason = try await erin.post(SiteURL.indicatorRetract(try ip.requireID()).path, ["reason": ""])
            XCTAssertEqual(noReason.status, .unprocessableEntity)
            expectEqual(try await erin.post(SiteURL.indicatorRetract(try ip.requireID()).path, ["reason": "Our own VPN exit"]).status, .seeOther)
            let after = try await download(etag: etag)
            XCTAssertEqual(after.status, .ok)
            XCTAssertEqual(after.body.string, "bad-shop.top\n")
            // Members cannot retract; the page says who did and why.
            expectEqual(try await mia.post(SiteURL.indicatorRetract(try ip.requireID()).path, ["reason": "x"]).status, .forbidden)
            expectTrue(try await mia.get(SiteURL.indicator(try ip.requireID()).path).body.string.contains("Our own VPN exit"))
            // IP addresses expire after 30 days without news; the domain stays.
            world.time.advance(by: 31 * 86_400)
            expectEqual(try await download().body.string, "bad-shop.top\n")
            // A member whose firm left the community: the token stops answering.
            try await Seed.firmLeaves(w.app, try w.memberFirm.requireID())
            expectEqual(try await download().status, .notFound)
        }
    }

    func testSightingsAreChecked() async throws {
        try await withCommunity { w, _ in
            let authorToken = try await Seed.token(w.app, for: w.author), outsiderToken = try await Seed.token(w.app, for: w.outsider)
            let created = try await w.app.api(.POST, "/communities/\(w.community.slug)/reports", token: authorToken,
                                              json: #"{"kind":"phishing","title":"t","summary":"s","tlp":"green","indicators":["evil-login.example"]}"#)
            XCTAssertEqual(created.status, .created)
            let id = try await Indicator.query(on: w.app.db).firstOrFail().requireID()
            // GREEN: the outsider sees it, but cannot add sightings in a community they are not part of.
            expectEqual(try await w.app.api(.GET, "/indicators/\(id)", token: outsiderToken).status, .ok)
            let wrongCommunity = try await w.app.api(.POST, "/indicators/\(id)/sightings", token: outsiderToken, json: #"{"community":"leeds-shops"}"#)
            XCTAssertEqual(wrongCommunity.status, .unprocessableEntity)
            let zero = try await w.app.api(.POST, "/indicators/\(id)/sightings", token: authorToken, json: #"{"community":"leeds-shops","count":0}"#)
            XCTAssertEqual(zero.status, .unprocessableEntity)
            let future = try await w.app.api(.POST, "/indicators/\(id)/sightings", token: authorToken,
                                             json: #"{"community":"leeds-shops","last_seen":"2099-01-01T00:00:00Z"}"#)
            XCTAssertEqual(future.status, .unprocessableEntity)
            expectEqual(try await Sighting.query(on: w.app.db).count(), 0)
            let extract = try await w.app.api(.POST, "/indicators/extract", token: authorToken, json: #"{"text":"see hxxp://evil[.]example/x and 10.0.0.1"}"#)
            XCTAssertEqual(extract.status, .ok)
            let found = (try JSONSerialization.jsonObject(with: Data(extract.body.string.utf8)) as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
            XCTAssertEqual(found, ["http://evil.example/x", "evil.example", "10.0.0.1"])
            XCTAssertTrue(extract.body.string.contains("must never be blocked: Private network (RFC 1918)"), extract.body.string)
        }
    }

    func testStixExportIsAValidBundle() async throws {
        try await withCommunity { w, _ in
            let token = try await Seed.token(w.app, for: w.author)
            _ = try await w.app.api(.POST, "/communities/\(w.community.slug)/reports", token: token,
                                    json: #"{"kind":"phishing","title":"Fake invoices","summary":"s","tlp":"amber","indicators":["45.95.147.236","evil.example","https://evil.example/a'b"]}"#)
            let response = try await w.app.api(.GET, "/communities/\(w.community.slug)/stix", token: token)
            XCTAssertEqual(response.headers.contentType?.subType, "stix+json")
            let bundle = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            XCTAssertEqual(bundle["type"] as? String, "bundle")
            let objects = bundle["objects"] as? [[String: Any]] ?? []
            let types = objects.compactMap { $0["type"] as? String }
            XCTAssertEqual(types.filter { $0 == "indicator" }.count, 3)
            XCTAssertTrue(types.contains("report") && types.contains("identity") && types.contains("marking-definition"))
            let marking = objects.first { $0["type"] as? String == "marking-definition" }
            XCTAssertEqual(marking?["id"] as? String, TLP.amber.stixMarkingID)
            let patterns = objects.compactMap { $0["pattern"] as? String }
            XCTAssertTrue(patterns.contains("[url:value = 'https://evil.example/a\\'b']"), "\(patterns)")
            for pattern in patterns { XCTAssertNoThrow(try StixPattern.values(in: pattern).get(), pattern) }
        }
    }

    func testTheFacilitatorSetsTheRuleAndTheCommunityWarningList() async throws {
        try await withCommunity { w, _ in
            let token = try await Seed.token(w.app, for: w.author)
            let created = try await w.app.api(.POST, "/communities/\(w.community.slug)/reports", token: token,
                                              json: #"{"kind":"incident","title":"Scanning","summary":"s","indicators":["45.95.147.236","shared-host.top"]}"#)
            XCTAssertEqual(created.status, .created)
            let reportID = try XCTUnwrap(created.json["id"] as? String)
            let mia = TestBrowser(w.app), erin = TestBrowser(w.app)
            try await mia.signIn(w.member.email)
            try await erin.signIn(w.expert.email)
            let path = SiteURL.communityBlocklist(w.community.slug).path
            // Members read the rule but cannot change it.
            expectEqual(try await mia.post(SiteURL.communityBlocklistSettings(w.community.slug).path, ["minimum_firms": "1"]).status, .forbidden)
            expectEqual(try await mia.post(SiteURL.communityWarnings(w.community.slug).path, ["value": "shared-host.top", "reason": "x"]).status, .forbidden)
            expectEqual(try await erin.post(SiteURL.communityBlocklistSettings(w.community.slug).path, ["minimum_firms": "9"]).status, .unprocessableEntity)
            // One firm suffices now: both values are listed.
            expectEqual(try await erin.post(SiteURL.communityBlocklistSettings(w.community.slug).path, ["minimum_firms": "1"]).status, .seeOther)
            let page = try await mia.get(path)
            XCTAssertTrue(page.body.string.contains("at least 1 different firms"))
            XCTAssertTrue(page.body.string.contains("<code>shared-host.top</code>"))
            // The facilitator adds the shared host to the community's warning list: it leaves the blocklist.
            let bad = try await erin.post(SiteURL.communityWarnings(w.community.slug).path, ["value": "not a value", "reason": "x"])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            expectEqual(try await erin.post(SiteURL.communityWarnings(w.community.slug).path,
                                             ["value": "shared-host.top", "reason": "Our members' hosting provider"]).status, .seeOther)
            let after = try await mia.get(path)
            XCTAssertTrue(after.body.string.contains("Our members&#39; hosting provider") || after.body.string.contains("Our members' hosting provider"))
            XCTAssertTrue(after.body.string.contains("1 kept out because they must never be blocked"))
            // The same flag shows when someone pastes it again.
            let alice = TestBrowser(w.app)
            try await alice.signIn(w.author.email)
            let review = try await alice.post(SiteURL.communityReportNew(w.community.slug).path,
                                              ["kind": "incident", "title": "t", "summary": "s", "paste": "seen shared-host.top again", "step": "review"])
            XCTAssertTrue(review.body.string.contains("hosting provider"))
            // Status: the author may change it, another member may not.
            let id = try XCTUnwrap(UUID(uuidString: reportID))
            expectEqual(try await mia.post(SiteURL.reportStatus(id).path, ["status": "resolved"]).status, .forbidden)
            expectEqual(try await alice.post(SiteURL.reportStatus(id).path, ["status": "bogus"]).status, .unprocessableEntity)
            expectEqual(try await alice.post(SiteURL.reportStatus(id).path, ["status": "resolved"]).status, .seeOther)
            expectEqual(try await ThreatReport.find(id, on: w.app.db)?.status, .resolved)
            // Withdrawn: gone for everyone, and its values leave the blocklist; a member cannot withdraw it.
            expectEqual(try await mia.post(SiteURL.reportWithdraw(id).path).status, .forbidden)
            let withdrawn = try await alice.post(SiteURL.reportWithdraw(id).path)
            XCTAssertEqual(withdrawn.location, SiteURL.communityThreats(w.community.slug).path)
            expectEqual(try await mia.get(SiteURL.report(id).path).status, .notFound)
            expectEqual(try await ReportIndicator.query(on: w.app.db).count(), 0)
            expectTrue(!(try await mia.get(path).body.string.contains("<code>45.95.147.236</code>")))
        }
    }
}
