import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// The pages of federation as people use them: the operator adds a peer and a reading account, the facilitator
/// agrees to TLP:AMBER in either direction, and each sees the other's decision.
final class FederationPagesTests: XCTestCase {
    func testTheOperatorAddsAPeerAndTheFacilitatorAgreesToAmber() async throws {
        try await withApp(federationKey: PeerPullTests.key) { world in
            let app = world.app
            let firm = try await Seed.organisation(app, name: "Quayside Books")
            let fred = try await Seed.person(app, email: "fred@books.example", name: "Fred Facilitator", organisation: firm, role: .admin)
            _ = try await Seed.person(app, email: "op@shieldwall.example", name: "Olga Operator", isOperator: true)
            let leeds = try await Seed.community(app, name: "Leeds Shops", facilitator: fred, firms: [firm])
            let olga = TestBrowser(app)
            try await olga.signIn("op@shieldwall.example")
            expectEqual(try await olga.get(SiteURL.operatorHome.path).body.string.contains(SiteURL.operatorFederation.path), true)

            // Wrong input: every field says what is wrong, nothing is kept, the secret is not sent back.
            let wrong = try await olga.post(SiteURL.operatorFederation.path, ["name": "Madrid", "api_root": "ftp://madrid.example",
                                                                              "collections": "a/b", "community": "nowhere", "highest_tlp": "red",
                                                                              "interval_minutes": "1", "secret": "swf_typed-secret"])
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            for words in ["starting with https://", "at most twenty collection ids", "Choose a community", "from 5 to 1440"] {
                XCTAssertTrue(wrong.body.string.contains(words), words)
            }
            XCTAssertFalse(wrong.body.string.contains("swf_typed-secret"))
            expectEqual(try await FederationPeer.query(on: app.db).count(), 0)

            let added = try await olga.post(SiteURL.operatorFederation.path, ["name": "Madrid", "api_root": "https://madrid.example/taxii2/api/",
                                                                              "collections": "c-1, c-2", "community": leeds.slug, "highest_tlp": "amber",
                                                                              "interval_minutes": "30", "secret": "swf_madrid"])
            XCTAssertEqual(added.status, .seeOther)
            var page = try await olga.get(SiteURL.operatorFederation.path).body.string
            XCTAssertTrue(page.contains("Madrid"))
            XCTAssertTrue(page.contains("Collections: c-1, c-2"))
            XCTAssertTrue(page.contains("TLP:AMBER waits for the facilitator of Leeds Shops to agree"))
            XCTAssertTrue(page.contains("Not pulled yet"))
            XCTAssertFalse(page.contains("swf_madrid"), "the secret is never shown again")

            // A reading account for another instance: its token once.
            let account = try await olga.post(SiteURL.operatorPeerAccounts.path, ["name": "Lisbon"])
            let token = try XCTUnwrap(account.text(ofID: "new-key"))
            XCTAssertTrue(token.hasPrefix("swf_"))
            expectEqual(try await olga.get(SiteURL.operatorFederation.path).body.string.contains(token), false)

            // The facilitator finds both on the community's page and agrees to each.
            let fredBrowser = TestBrowser(app)
            try await fredBrowser.signIn("fred@books.example")
            expectEqual(try await fredBrowser.get(SiteURL.community(leeds.slug).path).body.string.contains(SiteURL.communityFederation(leeds.slug).path),
                        true)
            let mine = try await fredBrowser.get(SiteURL.communityFederation(leeds.slug).path).body.string
            XCTAssertTrue(mine.contains("Agree to take its TLP:AMBER"))
            XCTAssertTrue(mine.contains("Let it read our TLP:AMBER"))
            let peer = try await FederationPeer.query(on: app.db).first()!
            let lisbon = try await PeerAccount.query(on: app.db).first()!
            expectEqual(try await fredBrowser.post(SiteURL.communityPeerAmber(leeds.slug, try peer.requireID()).path, ["agree": "true"]).status, .seeOther)
            expectEqual(try await fredBrowser.post(SiteURL.communityAccountAmber(leeds.slug, try lisbon.requireID()).path, ["agree": "true"]).status,
                        .seeOther)
            let agreed = try await fredBrowser.get(SiteURL.communityFederation(leeds.slug).path).body.string
            XCTAssertTrue(agreed.contains("Stop taking its TLP:AMBER"))
            XCTAssertTrue(agreed.contains("Stop sharing our TLP:AMBER"))
            page = try await olga.get(SiteURL.operatorFederation.path).body.string
            XCTAssertTrue(page.contains("TLP:AMBER agreed by Fred Facilitator"))
            XCTAssertTrue(page.contains("Leeds Shops"), "Lisbon reads Leeds's AMBER")
            // The security log says who agreed.
            let logged = try await AuditEvent.query(on: app.db).filter(\.$kind == .peerAgreement).all().map(\.detail)
            XCTAssertEqual(logged.sorted(), ["Leeds Shops: lets Lisbon read its TLP:AMBER", "Leeds Shops: takes TLP:AMBER from Madrid"])

            // The operator lets Lisbon push into Leeds up to GREEN; a wrong community is named as wrong; the facilitator sees it.
            XCTAssertTrue(page.contains("Reads only"))
            let badPush = try await olga.post(SiteURL.operatorPeerAccountPush(try lisbon.requireID()).path,
                                              ["push_community": "nowhere", "push_highest_tlp": "green"])
            XCTAssertEqual(badPush.status, .unprocessableEntity)
            XCTAssertTrue(badPush.body.string.contains("Choose a community"))
            expectEqual(try await olga.post(SiteURL.operatorPeerAccountPush(try lisbon.requireID()).path,
                                            ["push_community": leeds.slug, "push_highest_tlp": "green"]).status, .seeOther)
            expectEqual(try await olga.get(SiteURL.operatorFederation.path).body.string.contains("May push into Leeds Shops, up to TLP:GREEN"), true)
            expectEqual(try await fredBrowser.get(SiteURL.communityFederation(leeds.slug).path).body.string.contains("May push here, up to TLP:GREEN"),
                        true)
            expectEqual(try await olga.post(SiteURL.operatorPeerAccountPush(try lisbon.requireID()).path, ["push_community": ""]).status, .seeOther)
            expectEqual(try await olga.get(SiteURL.operatorFederation.path).body.string.contains("May push into Leeds Shops"), false)
        }
    }

    func testWithoutAFederationKeyNoSecretIsKept() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let fred = try await Seed.person(app, email: "fred@books.example", organisation: firm, role: .admin)
            _ = try await Seed.person(app, email: "op@shieldwall.example", name: "Olga Operator", isOperator: true)
            let leeds = try await Seed.community(app, name: "Leeds Shops", facilitator: fred, firms: [firm])
            let olga = TestBrowser(app)
            try await olga.signIn("op@shieldwall.example")
            let form = ["name": "Madrid", "api_root": "https://madrid.example/taxii2/api/", "collections": "c-1", "community": leeds.slug,
                        "highest_tlp": "green", "interval_minutes": "60"]
            let refused = try await olga.post(SiteURL.operatorFederation.path, form.merging(["secret": "swf_madrid"]) { $1 })
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("no federation key (SHIELDWALL_FEDERATION_KEY)"))
            expectEqual(try await olga.post(SiteURL.operatorFederation.path, form).status, .seeOther)
        }
    }
}
