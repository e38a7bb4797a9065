import Fluent
import ShieldwallCore
import NIOConcurrencyHelpers
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 and §6 for threat reports: every TLP × anonymity × role, through every way out —
/// page, API, threat feed, indicator page, correlation count, sighting count, lookup, sightings sent at
/// once, blocklist, STIX export (the member's and the instance's). Expected answers come from
/// `ReportAccess`, whose table is tested on its own in ShieldwallCore; here we check that no way out
/// disagrees with it.
final class ThreatAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable {
        case author, colleague, member, named, expert, facilitator, otherCommunity, noCommunity, `operator`, signedOut
    }

    func testEveryWayOutAgreesWithThePolicy() async throws {
        try await withApp { world in
            let app = world.app
            let authorFirm = try await Seed.organisation(app, name: "Corner Bakery"), memberFirm = try await Seed.organisation(app, name: "Quayside Books")
            let facFirm = try await Seed.organisation(app, name: "Harbour IT"), otherFirm = try await Seed.organisation(app, name: "Far Away Ltd")
            let lonerFirm = try await Seed.organisation(app, name: "Loner Ltd")
            let people: [Role: Person] = [
                .author: try await Seed.person(app, email: "alice@bakery.example", name: "Alice Author", organisation: authorFirm, role: .admin),
                .colleague: try await Seed.person(app, email: "colin@bakery.example", name: "Colin Colleague", organisation: authorFirm),
                .member: try await Seed.person(app, email: "mia@books.example", name: "Mia Member", organisation: memberFirm, role: .admin),
                .named: try await Seed.person(app, email: "nadia@books.example", name: "Nadia Named", organisation: memberFirm),
                .expert: try await Seed.person(app, email: "erin@expert.example", name: "Erin Expert"),
                .facilitator: try await Seed.person(app, email: "fred@harbour.example", name: "Fred Facilitator", organisation: facFirm, role: .admin),
                .otherCommunity: try await Seed.person(app, email: "otto@faraway.example", name: "Otto Other", organisation: otherFirm, role: .admin),
                .noCommunity: try await Seed.person(app, email: "lena@loner.example", name: "Lena Loner", organisation: lonerFirm, role: .admin),
                .operator: try await Seed.person(app, email: "op@shieldwall.example", name: "Olga Operator", isOperator: true),
            ]
            let community = try await Seed.community(app, name: "Leeds Shops", facilitator: people[.facilitator]!,
                                                     firms: [authorFirm, memberFirm, facFirm], experts: [people[.expert]!])
            _ = try await Seed.community(app, name: "Far Group", facilitator: people[.otherCommunity]!, firms: [otherFirm])
            for role in [Role.author, .colleague, .member, .named, .expert] { try await Seed.acceptCharter(app, community, by: people[role]!) }
            let communityID = try community.requireID()

            // One report per TLP × anonymity, each with its own indicator and one shared by all.
            struct Shared { let report: ThreatReport; let unique: String; let facts: ReportFacts }
            var reports: [Shared] = []
            let author = try SignedIn(person: people[.author]!, organisation: authorFirm, sessionID: nil, stage: .full)
            for (n, tlp) in TLP.allCases.enumerated() {
                for anonymous in [false, true] {
                    let unique = "45.95.\(n + 10).\(anonymous ? 2 : 1)"
                    let report = try await ReportActions.publish(.init(
                        kind: "phishing", title: "\(tlp.label) \(anonymous ? "anonymous" : "named") report", summary: "Watch out.",
                        tlp: tlp.rawValue, anonymous: anonymous, recipients: tlp == .red ? [try people[.named]!.requireID()] : [],
                        indicators: [unique, "shared-evil.example"]), in: community, by: author, ctx: ActionContext(app))
                    reports.append(Shared(report: report, unique: unique, facts: report.facts(recipients: tlp == .red ? [try people[.named]!.requireID()] : [])))
                }
            }
            // The expert vouches for everything (so the blocklist rule passes); a member firm sights the shared one.
            for indicator in try await Indicator.query(on: app.db).all() {
                try await IndicatorConfirmation(indicatorID: try indicator.requireID(), communityID: communityID,
                                                personID: try people[.expert]!.requireID(), createdAt: app.shieldwall.time.now).create(on: app.db)
            }
            let shared = try await Indicator.query(on: app.db).filter(\.$value == "shared-evil.example").firstOrFail()
            let sighting = Sighting()
            sighting.$indicator.id = try shared.requireID(); sighting.$community.id = communityID
            sighting.$organisation.id = memberFirm.id; sighting.$person.id = try people[.member]!.requireID()
            sighting.count = 7; sighting.firstSeen = app.shieldwall.time.now; sighting.lastSeen = app.shieldwall.time.now
            sighting.source = .web; sighting.createdAt = app.shieldwall.time.now
            try await sighting.create(on: app.db)

            let written = NIOLockedValueBox(Data())
            _ = try await StixCommands.exportCommunity(slug: community.slug, app: app) { chunk in
                written.withLockedValue { $0.append(contentsOf: chunk.readableBytesView) }
            }
            let instanceBundle = String(decoding: written.withLockedValue { $0 }, as: UTF8.self)

            for role in Role.allCases {
                let person = people[role]
                let viewer = person.map { p in
                    ReportViewer(personID: p.id, organisationID: p.$organisation.id,
                                 contentCommunities: [.author, .colleague, .member, .named, .expert, .facilitator].contains(role) ? [communityID]
                                     : role == .otherCommunity ? [UUID()] : [])
                } ?? .signedOut
                let browser = TestBrowser(app)
                var token: String?
                if let person {
                    try await browser.signIn(person.email)
                    token = try await Seed.token(app, for: person)
                }
                let feedPage = try await browser.get(SiteURL.communityThreats(community.slug).path)
                let apiList = try await app.api(.GET, "/communities/\(community.slug)/reports?limit=200", token: token)
                let listed = Set(((apiList.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
                let memberExport = try await app.api(.GET, "/communities/\(community.slug)/stix", token: token)
                let apiBlocklist = try await app.api(.GET, "/communities/\(community.slug)/blocklist", token: token)
                XCTAssertEqual(apiBlocklist.status, person == nil ? .unauthorized : (viewer.contentCommunities.contains(communityID) ? .ok : .notFound),
                               "API blocklist: \(role.rawValue)")
                var blocklist = ""
                if person != nil, [.author, .colleague, .member, .named, .expert, .facilitator].contains(role) {
                    let tokenPage = try await browser.post(SiteURL.communityBlocklistToken(community.slug).path)
                    let feedToken = try XCTUnwrap(tokenPage.text(ofID: "feed-txt")?.components(separatedBy: "/blocklists/").last)
                    let download = try await app.testable().sendRequest(.GET, "/blocklists/\(feedToken)")
                    XCTAssertEqual(download.status, .ok, role.rawValue)
                    blocklist = download.body.string
                }
                var taxiiHeaders = HTTPHeaders()
                if let token, let person { taxiiHeaders.basicAuthorization = BasicAuthorization(username: person.email, password: token) }
                let taxii = try await app.testable().sendRequest(.GET, "/taxii2/api/collections/\(communityID)/objects/", headers: taxiiHeaders)
                let taxiiGreen = try await app.testable().sendRequest(.GET, "/taxii2/api/collections/\(Taxii.green)/objects/", headers: taxiiHeaders)
                let taxiiClear = try await app.testable().sendRequest(.GET, "/taxii2/api/collections/\(Taxii.clear)/objects/", headers: taxiiHeaders)
                XCTAssertEqual(taxii.status, person == nil ? .unauthorized : (viewer.contentCommunities.contains(communityID) ? .ok : .notFound),
                               "TAXII collection: \(role.rawValue)")
                XCTAssertEqual(taxiiGreen.status, person == nil ? .unauthorized : (viewer.isCommunityMember ? .ok : .notFound), "TAXII GREEN: \(role.rawValue)")
                let lookup = try await app.api(.POST, "/indicators/lookup", token: token,
                                               json: #"{"values": [\#(reports.map { "\"\($0.unique)\"" }.joined(separator: ","))]}"#)
                let answers = (try? JSONSerialization.jsonObject(with: Data(lookup.body.string.utf8))) as? [[String: Any]] ?? []
                // Search: every report's summary says "Watch out."
                let search = try await app.api(.GET, "/search?q=watch", token: token)
                let searchPage = try await browser.get(SiteURL.search.path + "?q=watch")
                XCTAssertEqual(search.status, person == nil ? .unauthorized : .ok, "search: \(role.rawValue)")

                for r in reports {
                    let label = "\(role.rawValue) × \(r.report.title)"
                    let sees = ReportAccess.canSee(r.facts, viewer)
                    let id = try r.report.requireID()
                    let page = try await browser.get(SiteURL.report(id).path)
                    XCTAssertEqual(page.status, person == nil ? .seeOther : (sees ? .ok : .notFound), "page: \(label)")
                    let history = try await browser.get(SiteURL.reportHistory(id).path)
                    XCTAssertEqual(history.status, person == nil ? .seeOther : (sees ? .ok : .notFound), "history page: \(label)")
                    let apiHistory = try await app.api(.GET, "/reports/\(id)/history", token: token)
                    XCTAssertEqual(apiHistory.status, person == nil ? .unauthorized : (sees ? .ok : .notFound), "API history: \(label)")
                    let edit = try await browser.get(SiteURL.reportEdit(id).path)
                    XCTAssertEqual(edit.status, person == nil ? .seeOther : (!sees ? .notFound : ([.author, .facilitator].contains(role) ? .ok : .forbidden)),
                                   "edit form: \(label)")
                    let api = try await app.api(.GET, "/reports/\(id)", token: token)
                    XCTAssertEqual(api.status, person == nil ? .unauthorized : (sees ? .ok : .notFound), "API: \(label)")
                    XCTAssertEqual(listed.contains(id.uuidString), sees && viewer.contentCommunities.contains(communityID), "API list: \(label)")
                    XCTAssertEqual(feedPage.body.string.contains(r.report.title), sees && viewer.contentCommunities.contains(communityID), "feed: \(label)")
                    let uniqueID = try await Indicator.query(on: app.db).filter(\.$value == r.unique).firstOrFail().requireID()
                    let indicatorPage = try await browser.get(SiteURL.indicator(uniqueID).path)
                    XCTAssertEqual(indicatorPage.status, person == nil ? .seeOther : (sees ? .ok : .notFound), "indicator page: \(label)")
                    XCTAssertEqual(answers.first { $0["value"] as? String == r.unique }?["known"] as? Bool ?? false, sees, "lookup: \(label)")
                    XCTAssertEqual(search.body.string.contains(id.uuidString), sees && person != nil, "API search: \(label)")
                    XCTAssertEqual(searchPage.body.string.contains(SiteURL.report(id).path), sees && person != nil, "search page: \(label)")
                    let feedable = sees && ReportAccess.mayCarry(r.facts.tlp, on: .holdersOwnFeed) && viewer.contentCommunities.contains(communityID)
                    XCTAssertEqual(blocklist.split(separator: "\n").contains(Substring(r.unique)), feedable, "blocklist: \(label)")
                    XCTAssertEqual(apiBlocklist.status == .ok && apiBlocklist.body.string.split(separator: "\n").contains(Substring(r.unique)), feedable,
                                   "API blocklist: \(label)")
                    XCTAssertEqual(memberExport.body.string.contains(r.report.stixID), feedable, "member's STIX export: \(label)")
                    XCTAssertEqual(taxii.body.string.contains(r.report.stixID), feedable, "TAXII community collection: \(label)")
                    XCTAssertEqual(taxiiGreen.body.string.contains(r.report.stixID), sees && r.facts.tlp == .green && person != nil,
                                   "TAXII GREEN collection: \(label)")
                    XCTAssertEqual(taxiiClear.body.string.contains(r.report.stixID), sees && r.facts.tlp == .clear && person != nil,
                                   "TAXII CLEAR collection: \(label)")
                    XCTAssertEqual(instanceBundle.contains(r.report.stixID), r.facts.tlp <= .amber, "instance STIX export: \(label)")
                    // The author's name appears only where the policy allows it.
                    if sees {
                        let named = ReportAccess.canSeeAuthor(r.facts, viewer)
                        XCTAssertEqual(page.body.string.contains("Alice Author"), named, "author on page: \(label)")
                        XCTAssertEqual(api.json["author"] as? String, named ? "Alice Author" : nil, "author in API: \(label)")
                    }
                }
                // Many sightings at once (what `scan` sends back): counted only where this viewer may see the report.
                let batch = try await app.api(.POST, "/communities/\(community.slug)/sightings", token: token,
                                              json: #"{"source": "scan", "sightings": [\#(reports.map { #"{"value": "\#($0.unique)"}"# }.joined(separator: ","))]}"#)
                XCTAssertEqual(batch.status, person == nil ? .unauthorized : (viewer.contentCommunities.contains(communityID) ? .ok : .notFound),
                               "sightings at once: \(role.rawValue)")
                let notCounted = Set(batch.json["unknown"] as? [String] ?? [])
                for r in reports {
                    XCTAssertEqual(batch.status == .ok && !notCounted.contains(r.unique),
                                   ReportAccess.canSee(r.facts, viewer) && viewer.contentCommunities.contains(communityID),
                                   "sightings at once: \(role.rawValue) × \(r.report.title)")
                }
                // Correlation and sighting counts count only what this viewer may see.
                let visible = reports.filter { ReportAccess.canSee($0.facts, viewer) }
                let sharedAPI = try await app.api(.GET, "/indicators/\(try shared.requireID())", token: token)
                if visible.isEmpty || person == nil {
                    XCTAssertEqual(sharedAPI.status, person == nil ? .unauthorized : .notFound, "shared indicator: \(role.rawValue)")
                } else {
                    XCTAssertEqual(sharedAPI.json["reports"] as? Int, visible.count, "correlation count: \(role.rawValue)")
                    XCTAssertEqual(sharedAPI.json["sightings"] as? Int, viewer.contentCommunities.contains(communityID) ? 7 : 0,
                                   "sighting count: \(role.rawValue)")
                }
            }
            // The instance export never names the firm of an anonymous report.
            XCTAssertTrue(instanceBundle.contains("Corner Bakery"), "named reports carry their identity")
            let bundle = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(instanceBundle.utf8)) as? [String: Any])
            let objects = bundle["objects"] as? [[String: Any]] ?? []
            for object in objects where object["type"] as? String == "report" && (object["name"] as? String ?? "").contains("anonymous") {
                XCTAssertNil(object["created_by_ref"], "anonymous report has no identity in STIX")
            }
        }
    }

    /// The page of a bundle imported in the background: its uploader only; everyone else 404, visitors to sign in.
    func testAnImportStatusPageIsTheUploadersOnly() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app, name: "Corner Bakery"), otherFirm = try await Seed.organisation(app, name: "Quayside Books")
            let uploader = try await Seed.person(app, email: "alice@bakery.example", organisation: firm, role: .admin)
            let colleague = try await Seed.person(app, email: "colin@bakery.example", organisation: firm)
            let member = try await Seed.person(app, email: "mia@books.example", organisation: otherFirm, role: .admin)
            let outsider = try await Seed.person(app, email: "otto@faraway.example", organisation: try await Seed.organisation(app, name: "Far"), role: .admin)
            let op = try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let community = try await Seed.community(app, facilitator: uploader, firms: [firm, otherFirm])
            for person in [colleague, member] { try await Seed.acceptCharter(app, community, by: person) }
            let job = try await StixImportJobs.enqueue(Data("{}".utf8), objectIDs: [], into: try community.requireID(),
                                                       by: .init(personID: try uploader.requireID(), organisationID: try firm.requireID()),
                                                       now: app.shieldwall.time.now, on: app.db)
            let path = SiteURL.communityStixImportStatus(community.slug, job.id).path
            let expected: [(Person?, HTTPStatus)] = [(nil, .seeOther), (uploader, .ok), (colleague, .notFound), (member, .notFound),
                                                     (outsider, .notFound), (op, .notFound)]
            for (person, status) in expected {
                let browser = TestBrowser(app)
                if let person { try await browser.signIn(person.email) }
                expectEqual(try await browser.get(path).status, status, person?.email ?? "signed out")
            }
        }
    }

    /// Retracting through the API: experts and facilitators of a community that has the indicator; members are refused,
    /// people who cannot see it get 404, visitors 401; a retraction is kept with its reason.
    func testRetractingThroughTheAPIIsForFacilitatorsAndExpertsWhoSeeIt() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app, name: "Corner Bakery"), far = try await Seed.organisation(app, name: "Far")
            let fred = try await Seed.person(app, email: "fred@bakery.example", name: "Fred Facilitator", organisation: firm, role: .admin)
            let mia = try await Seed.person(app, email: "mia@bakery.example", organisation: firm)
            let otto = try await Seed.person(app, email: "otto@faraway.example", organisation: far, role: .admin)
            let community = try await Seed.community(app, facilitator: fred, firms: [firm])
            try await Seed.acceptCharter(app, community, by: mia)
            let report = try await ReportActions.publish(.init(kind: "phishing", title: "Fake invoices", summary: "Watch out.", tlp: "green",
                                                               anonymous: false, recipients: [], indicators: ["198.51.100.7"]),
                                                         in: community, by: try SignedIn(person: fred, organisation: firm, sessionID: nil, stage: .full),
                                                         ctx: ActionContext(app))
            let link = try await ReportIndicator.query(on: app.db).filter(\.$report.$id == report.requireID()).first()
            let indicatorID = try XCTUnwrap(link).$indicator.id
            let path = "/indicators/\(indicatorID)/retraction"
            expectEqual(try await app.api(.POST, path, token: nil, json: "{}").status, .unauthorized)
            expectEqual(try await app.api(.POST, path, token: try await Seed.token(app, for: otto), json: "{}").status, .notFound)
            expectEqual(try await app.api(.POST, path, token: try await Seed.token(app, for: mia), json: "{}").status, .forbidden)
            let fredToken = try await Seed.token(app, for: fred)
            let tooLong = try await app.api(.POST, path, token: fredToken, json: #"{"reason": "\#(String(repeating: "x", count: 1_001))"}"#)
            XCTAssertEqual(tooLong.status, .unprocessableEntity, tooLong.body.string)
            expectEqual(try await Indicator.find(indicatorID, on: app.db)?.retractedAt, nil)
            let done = try await app.api(.POST, path, token: fredToken, json: #"{"reason": "Our own mail server"}"#)
            XCTAssertEqual(done.status, .ok, done.body.string)
            XCTAssertEqual(done.json["retracted"] as? Bool, true)
            expectEqual(try await Indicator.find(indicatorID, on: app.db)?.retractionReason, "Our own mail server")
        }
    }
}
