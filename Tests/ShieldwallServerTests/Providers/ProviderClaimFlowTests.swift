import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Someone from a provider, invited by the operator, makes an account from the mailed link and answers a review;
/// the answer shows under it for everyone; they cannot review; once the operator ends the claim they answer no more.
final class ProviderClaimFlowTests: XCTestCase {
    func testTheOperatorInvitesSomeoneFromTheProviderWhoAnswersAReview() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let op = try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let operatorToken = try await Seed.token(app, for: op), adminToken = try await Seed.token(app, for: admin)
            let created = try await app.api(.POST, "/providers", token: operatorToken, json: #"{"name":"Northern Backup","website":"nbackup.example","services":["backup"]}"#)
            let providerID = try XCTUnwrap(UUID(uuidString: created.json["id"] as? String ?? ""))
            let reviewed = try await app.api(.POST, "/providers/\(providerID)/reviews", token: adminToken, json: ProviderAccessMatrixTests.reviewJSON)
            XCTAssertEqual(reviewed.status, .created)

            let console = TestBrowser(app)
            try await console.signIn(op.email)
            try await console.get(SiteURL.provider(providerID).path)
            let bad = try await console.post(SiteURL.providerClaims(providerID).path, ["email": "not an address"])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            expectEqual(try await ProviderClaim.query(on: app.db).count(), 0, "nothing written for a bad address")
            let invited = try await console.post(SiteURL.providerClaims(providerID).path, ["email": "Support@NBackup.example"])
            XCTAssertEqual(invited.status, .ok)
            XCTAssertTrue(invited.body.string.contains("Invitation sent"), invited.body.string)
            let mail = try XCTUnwrap(world.mailer.sent.last { $0.to == "support@nbackup.example" })
            XCTAssertTrue(mail.body.contains("not be able to change or hide"), mail.body)
            let link = try XCTUnwrap(mail.body.split(separator: "\n").first { $0.contains("/provider-claims/") })
            let path = String(link[try XCTUnwrap(link.range(of: "/provider-claims/")).lowerBound...])

            let visitor = TestBrowser(app)
            let page = try await visitor.get(path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Answer reviews for Northern Backup"))
            let weak = try await visitor.post(path, ["display_name": "Pat Support", "password": "short", "password_confirmation": "short"])
            XCTAssertEqual(weak.status, .unprocessableEntity)
            expectTrue(try await Person.query(on: app.db).filter(\.$email == "support@nbackup.example").first() == nil, "no account from a refused form")
            let accepted = try await visitor.post(path, ["display_name": "Pat Support", "password": "correct horse battery staple",
                                                         "password_confirmation": "correct horse battery staple"])
            XCTAssertEqual(accepted.status, .seeOther)
            XCTAssertEqual(accepted.location, SiteURL.provider(providerID).path)
            let again = try await TestBrowser(app).get(path)
            XCTAssertEqual(again.status, .gone, "the link works once")

            let providerPage = try await visitor.get(SiteURL.provider(providerID).path)
            XCTAssertTrue(providerPage.body.string.contains("You answer these reviews for the provider"))
            XCTAssertFalse(providerPage.body.string.contains("review-form"), "the provider's people do not review")
            let review = try await ProviderReview.query(on: app.db).firstOrFail().requireID()
            let answered = try await visitor.post(SiteURL.reviewAnswer(review).path, ["answer": "Thank you: restores are now tested monthly."])
            XCTAssertEqual(answered.status, .seeOther)
            let seen = try await TestBrowser.signedIn(app, admin.email).get(SiteURL.provider(providerID).path)
            XCTAssertTrue(seen.body.string.contains("Answer from Northern Backup"))
            XCTAssertTrue(seen.body.string.contains("restores are now tested monthly"))

            let claim = try await ProviderClaim.query(on: app.db).firstOrFail().requireID()
            try await console.get(SiteURL.provider(providerID).path)
            let ended = try await console.post(SiteURL.providerClaimRevoke(providerID, claim).path, [:])
            XCTAssertEqual(ended.status, .seeOther)
            let refused = try await visitor.post(SiteURL.reviewAnswer(review).path, ["answer": "One more thing."])
            XCTAssertEqual(refused.status, .forbidden, "an ended claim answers no more")
            let kept = try await ProviderReviewAnswer.query(on: app.db).firstOrFail()
            XCTAssertEqual(kept.body, "Thank you: restores are now tested monthly.", "the answer stays as it was")
        }
    }
}
