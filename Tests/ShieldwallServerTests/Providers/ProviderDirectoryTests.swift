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
