import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// The directory as people use it: a member proposes, a facilitator approves, everyone finds it by service; a
/// duplicate or a bad entry is refused field by field and nothing is stored.
final class ProviderDirectoryTests: XCTestCase {
    func testAProposalIsApprovedAndThenFoundByService() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let member = try await Seed.person(app, email: "owner@bakery.example", name: "Sam Baker", organisation: firm)
            let facilitator = try await Seed.person(app, email: "fac@experts.example")
            _ = try await Seed.community(app, facilitator: facilitator, firms: [firm])
            let browser = TestBrowser(app), curator = TestBrowser(app)
            try await browser.signIn(member.email)
            try await curator.signIn(facilitator.email)
            try await browser.get(SiteURL.providerNew.path)
            let proposed = try await browser.post(SiteURL.providers.path, pairs: [
                ("name", "Northern Backup Ltd"), ("website", "www.nbackup.example"), ("services[]", "backup"), ("services[]", "managed-it"),
                ("area", "West Yorkshire"), ("client_sizes[]", "micro"), ("certifications", "Cyber Essentials Plus\n\nISO/IEC 27001"),
            ])
            XCTAssertEqual(proposed.status, .seeOther)
            let page = try await browser.get(try XCTUnwrap(proposed.location))
            XCTAssertTrue(page.body.string.contains("waiting for a facilitator"), "the proposer sees it is waiting")
            XCTAssertTrue(page.body.string.contains("Cyber Essentials Plus — stated, not checked"))
            let backups = try await browser.get(SiteURL.providers.path + "?service=backup")
            XCTAssertFalse(try XCTUnwrap(backups.body.string.components(separatedBy: "providers-pending").first).contains("Northern Backup"),
                           "not listed before approval")

            let id = try await Provider.query(on: app.db).firstOrFail().requireID()
            try await curator.get(SiteURL.provider(id).path)
            let approved = try await curator.post(SiteURL.providerDecision(id).path, ["decision": "approve"])
            XCTAssertEqual(approved.status, .seeOther)
            let listed = try await browser.get(SiteURL.providers.path + "?service=backup")
            XCTAssertTrue(listed.body.string.contains("Northern Backup Ltd"))
            XCTAssertFalse(listed.body.string.contains("providers-pending"))
            let insurers = try await browser.get(SiteURL.providers.path + "?service=insurance")
            XCTAssertFalse(insurers.body.string.contains("Northern Backup"), "another service does not list it")
            let op = TestBrowser(app)
            try await op.signIn(try await Seed.person(app, email: "op@shieldwall.example", isOperator: true).email)
            try await op.get(SiteURL.provider(id).path)
            let checked = try await op.post(SiteURL.providerCertification(id).path, ["name": "ISO/IEC 27001", "checked": "true"])
            XCTAssertEqual(checked.status, .seeOther)
            let shown = try await browser.get(SiteURL.provider(id).path).body.string
            XCTAssertTrue(shown.contains("ISO/IEC 27001 — checked by the operator"))
            XCTAssertTrue(shown.contains("Cyber Essentials Plus — stated, not checked"), "only the one the operator saw")
            let unknown = try await op.post(SiteURL.providerCertification(id).path, ["name": "PCI DSS", "checked": "true"])
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            let again = try await curator.post(SiteURL.providerDecision(id).path, ["decision": "decline"])
            XCTAssertEqual(again.status, .unprocessableEntity, "a decided proposal is not decided again")
        }
    }

    func testADuplicateOrABadEntryIsRefusedFieldByFieldAndNothingIsStored() async throws {
        try await withApp { world in
            let app = world.app
            let op = try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let token = try await Seed.token(app, for: op)
            let first = try await app.api(.POST, "/providers", token: token, json: #"{"name":"Müller IT GmbH","website":"mueller-it.example","services":["managed-it"]}"#)
            XCTAssertEqual(first.status, .created)
            XCTAssertEqual(first.json["status"] as? String, "approved", "the operator's own entry needs no approval")

            let byName = try await app.api(.POST, "/providers", token: token, json: #"{"name":"muller it","website":"other.example","services":["backup"]}"#)
            XCTAssertEqual(byName.status, .unprocessableEntity)
            XCTAssertTrue(byName.body.string.contains("Müller IT GmbH"), "names the entry already there: \(byName.body.string)")
            let byHost = try await app.api(.POST, "/providers", token: token, json: #"{"name":"MIT","website":"https://WWW.mueller-it.example/","services":["backup"]}"#)
            XCTAssertEqual(byHost.status, .unprocessableEntity)

            let bad = try await app.api(.POST, "/providers", token: token, json: #"{"name":"","website":"javascript:alert(1)","services":["plumbing"]}"#)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            let fields = Set(((bad.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String })
            XCTAssertEqual(fields, ["name", "website", "services"], bad.body.string)
            let stored = try await Provider.query(on: app.db).count()
            XCTAssertEqual(stored, 1)
        }
    }
}

/// Reviews as firms write and read them: who may write, the k rule on scores, who sees a firm's name.
final class ProviderReviewFlowTests: XCTestCase {
    static func review(overall: Int, anonymous: Bool = false, uses: Bool = true) -> String {
        #"{"uses_provider":\#(uses),"anonymous":\#(anonymous),"ratings":{"pricing-clarity":3,"responsiveness":4,"security-practice":4,"overall":\#(overall)},"practice":{"uses-mfa":"yes"},"text":"Fine."}"#
    }

    func testThreeFirmsMakeScoresAppearAndNamesShowOnlyInsideSharedCommunities() async throws {
        try await withApp { world in
            let app = world.app
            let firms = [try await Seed.organisation(app, name: "Alder Bakery"), try await Seed.organisation(app, name: "Birch Books"),
                         try await Seed.organisation(app, name: "Cedar Cafe"), try await Seed.organisation(app, name: "Damson Deli")]
            var tokens: [String] = []
            for (i, firm) in firms.enumerated() {
                tokens.append(try await Seed.token(app, for: try await Seed.person(app, email: "admin\(i)@firm.example", organisation: firm, role: .admin)))
            }
            let staff = try await Seed.token(app, for: try await Seed.person(app, email: "staff@alder.example", organisation: firms[0], role: .staff))
            let op = try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let opToken = try await Seed.token(app, for: op)
            let facilitator = try await Seed.person(app, email: "fac@experts.example")
            _ = try await Seed.community(app, facilitator: facilitator, firms: Array(firms.prefix(3)))
            let created = try await app.api(.POST, "/providers", token: opToken, json: #"{"name":"Aire Valley IT","website":"aire.example","services":["managed-it"]}"#)
            let path = "/providers/\(created.json["id"] as? String ?? "")/reviews"

            let notUser = try await app.api(.POST, path, token: tokens[0], json: Self.review(overall: 4, uses: false))
            XCTAssertEqual(notUser.status, .unprocessableEntity)
            XCTAssertTrue(notUser.body.string.contains("uses_provider"), notUser.body.string)
            let byStaff = try await app.api(.POST, path, token: staff, json: Self.review(overall: 4))
            XCTAssertEqual(byStaff.status, .forbidden, "staff do not speak for the firm")
            let outOfRange = try await app.api(.POST, path, token: tokens[0], json: Self.review(overall: 6))
            XCTAssertEqual(outOfRange.status, .unprocessableEntity)
            XCTAssertTrue(outOfRange.body.string.contains("ratings.overall"), outOfRange.body.string)
            let none = try await ProviderReview.query(on: app.db).count()
            XCTAssertEqual(none, 0, "nothing written by refused reviews")

            let first = try await app.api(.POST, path, token: tokens[0], json: Self.review(overall: 5))
            XCTAssertEqual(first.status, .created, first.body.string)
            let anonymous = try await app.api(.POST, path, token: tokens[1], json: Self.review(overall: 4, anonymous: true))
            XCTAssertEqual(anonymous.status, .created)
            let twice = try await app.api(.POST, path, token: tokens[0], json: Self.review(overall: 1))
            XCTAssertEqual(twice.status, .conflict, "one review per firm")
            let two = try await app.api(.GET, path, token: tokens[3])
            XCTAssertEqual(two.json["reviewing_firms"] as? Int, 2)
            XCTAssertNil(two.json["scores"] as? [String: Any], "no scores from two firms: \(two.body.string)")

            let third = try await app.api(.POST, path, token: tokens[2], json: Self.review(overall: 4))
            XCTAssertEqual(third.status, .created)
            let three = try await app.api(.GET, path, token: tokens[3])
            XCTAssertEqual((three.json["scores"] as? [String: Any])?["overall"] as? Double, 4.3)

            func names(_ token: String) async throws -> Set<String> {
                let body = try await app.api(.GET, path, token: token)
                return Set(((body.json["reviews"] as? [[String: Any]]) ?? []).compactMap { $0["firm"] as? String })
            }
            let fromPeer = try await names(tokens[2])
            XCTAssertEqual(fromPeer, ["Alder Bakery", "Cedar Cafe"], "a community peer sees names, not the anonymous firm's")
            let fromOutsider = try await names(tokens[3])
            XCTAssertEqual(fromOutsider, [], "a firm outside their communities sees only member firms")
            let fromOperator = try await names(opToken)
            XCTAssertEqual(fromOperator, [], "the operator does not learn who wrote a review")
            let fromAuthor = try await names(tokens[1])
            XCTAssertTrue(fromAuthor.contains("Birch Books"), "the anonymous firm still sees its own")

            let edited = try await app.api(.PUT, path + "/own", token: tokens[0], json: Self.review(overall: 2))
            XCTAssertEqual(edited.status, .ok)
            XCTAssertEqual((edited.json["scores"] as? [String: Any])?["overall"] as? Double, 3.3)
            let history = try await ProviderReviewRevision.query(on: app.db).all()
            XCTAssertEqual(history.count, 1)
            XCTAssertTrue(history.first?.ratingsJSON.contains(#""overall":5"#) ?? false, "the replaced version is kept")
        }
    }

    /// A curator corrects an entry; the operator's check of a certification still named stays, a duplicate is refused
    /// and leaves the entry as it was.
    func testACuratorCorrectsAnEntryAndTheCertificateCheckStays() async throws {
        try await withApp { world in
            let app = world.app
            let op = try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let token = try await Seed.token(app, for: op)
            let first = try await app.api(.POST, "/providers", token: token, json: #"{"name":"Northern Backup","website":"nbackup.example","services":["backup"],"certifications":["Cyber Essentials"]}"#)
            _ = try await app.api(.POST, "/providers", token: token, json: #"{"name":"Offsite Vault","website":"offsitevault.example","services":["backup"]}"#)
            let id = try XCTUnwrap(first.json["id"] as? String)
            let checked = try await app.api(.POST, "/providers/\(id)/certification", token: token, json: #"{"name":"Cyber Essentials","checked":true}"#)
            XCTAssertEqual(checked.status, .ok, checked.body.string)
            let browser = try await TestBrowser.signedIn(app, op.email)
            let form = try await browser.get(SiteURL.providerEdit(try XCTUnwrap(UUID(uuidString: id))).path)
            XCTAssertTrue(form.body.string.contains("value=\"Northern Backup\""), "the form shows the entry as it is")
            let duplicate = try await browser.post(SiteURL.providerEdit(try XCTUnwrap(UUID(uuidString: id))).path, pairs: [
                ("name", "Offsite Vault"), ("website", "nbackup.example"), ("services[]", "backup")])
            XCTAssertEqual(duplicate.status, .unprocessableEntity)
            XCTAssertTrue(duplicate.body.string.contains("“Offsite Vault” is already in the directory"), duplicate.body.string)
            let saved = try await browser.post(SiteURL.providerEdit(try XCTUnwrap(UUID(uuidString: id))).path, pairs: [
                ("name", "Northern Backup Ltd"), ("website", "nbackup.example"), ("services[]", "backup"), ("services[]", "managed-it"),
                ("certifications", "Cyber Essentials\nISO/IEC 27001")])
            XCTAssertEqual(saved.status, .seeOther)
            let page = try await browser.get(SiteURL.provider(try XCTUnwrap(UUID(uuidString: id))).path)
            XCTAssertTrue(page.body.string.contains("Northern Backup Ltd"))
            XCTAssertTrue(page.body.string.contains("Cyber Essentials — checked by the operator"), page.body.string)
            XCTAssertTrue(page.body.string.contains("ISO/IEC 27001 — stated, not checked"))
        }
    }
}
