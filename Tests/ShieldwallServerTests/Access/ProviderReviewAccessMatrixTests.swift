import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for what happens to a review after it is written: only the provider's own people (a claim they took
/// up) answer it, and they cannot write, edit or hide reviews; anyone signed in reports it once; only the operator
/// invites people from a provider and decides on reports; a hidden review is seen by its firm and the operator only,
/// and the operator never learns who wrote an anonymous one. Every route × every role.
final class ProviderReviewAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable { case signedOut, reviewer, otherAdmin, expert, provider, `operator` }

    struct World {
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
        let providerID: UUID
        let review: UUID
        let anonymousReview: UUID
        let claim: UUID
    }

    func makeWorld(_ app: Application) async throws -> World {
        let a = try await Seed.organisation(app, name: "Firm A"), b = try await Seed.organisation(app, name: "Anonymous Firm B")
        let c = try await Seed.organisation(app, name: "Firm C")
        let people: [Role: Person] = [
            .reviewer: try await Seed.person(app, email: "admin@a.example", organisation: a, role: .admin),
            .otherAdmin: try await Seed.person(app, email: "admin@c.example", organisation: c, role: .admin),
            .expert: try await Seed.person(app, email: "expert@experts.example"),
            .provider: try await Seed.person(app, email: "support@nbackup.example"),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
        ]
        let adminB = try await Seed.person(app, email: "admin@b.example", organisation: b, role: .admin)
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        let created = try await app.api(.POST, "/providers", token: tokens[.operator], json: #"{"name":"Northern Backup","website":"nbackup.example","services":["backup"]}"#)
        let providerID = try XCTUnwrap(UUID(uuidString: created.json["id"] as? String ?? ""))
        let review = try await app.api(.POST, "/providers/\(providerID)/reviews", token: tokens[.reviewer], json: ProviderAccessMatrixTests.reviewJSON)
        XCTAssertEqual(review.status, .created, review.body.string)
        let tokenB = try await Seed.token(app, for: adminB)
        let anonymous = try await app.api(.POST, "/providers/\(providerID)/reviews", token: tokenB,
                                          json: #"{"uses_provider":true,"anonymous":true,"text":"Slow to answer.","ratings":{"pricing-clarity":2,"responsiveness":1,"security-practice":3,"overall":2}}"#)
        XCTAssertEqual(anonymous.status, .created, anonymous.body.string)
        let reviews = try await ProviderReview.query(on: app.db).all()
        let claim = ProviderClaim()
        claim.$provider.id = providerID
        claim.email = "support@nbackup.example"
        claim.tokenDigest = SecretToken.digest(of: "matrix-claim")
        claim.$person.id = try XCTUnwrap(people[.provider]).id
        claim.createdAt = app.shieldwall.time.now
        claim.expiresAt = app.shieldwall.time.now.addingTimeInterval(3600)
        claim.acceptedAt = app.shieldwall.time.now
        try await claim.create(on: app.db)
        return World(browsers: browsers, tokens: tokens, providerID: providerID,
                     review: try XCTUnwrap(reviews.first { !$0.anonymous }?.id), anonymousReview: try XCTUnwrap(reviews.first { $0.anonymous }?.id),
                     claim: try claim.requireID())
    }

    static func all(_ status: HTTPStatus, signedOut: HTTPStatus = .seeOther, except: [Role: HTTPStatus] = [:]) -> [Role: HTTPStatus] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0 == .signedOut ? signedOut : status) }).merging(except) { _, new in new }
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let rows: [AccessMatrix.PageRow<Role>] = [
                ("POST", SiteURL.reviewAnswer(w.review).path, [("answer", "Thank you, we have changed our process.")],
                 Self.all(.forbidden, except: [.provider: .seeOther])),
                // The provider's people never write or edit a review, and have no way to hide one; any firm's admin reviews.
                ("POST", SiteURL.providerReview(w.providerID).path, ProviderAccessMatrixTests.reviewForm,
                 Self.all(.forbidden, except: [.reviewer: .seeOther, .otherAdmin: .seeOther])),
                ("POST", SiteURL.reviewReport(w.review).path, [("reason", "misleading")], Self.all(.seeOther)),
                ("POST", SiteURL.reviewReport(w.review).path, [("reason", "misleading")], Self.all(.conflict, except: [.signedOut: .seeOther])),
                ("POST", SiteURL.reviewReport(w.anonymousReview).path, [("reason", "other")],
                 Self.all(.unprocessableEntity, except: [.signedOut: .seeOther])),
                ("GET", SiteURL.reviewReports.path, [], Self.all(.forbidden, except: [.operator: .ok])),
                ("POST", SiteURL.reviewModeration(w.review).path, [("decision", "keep")], Self.all(.forbidden, except: [.operator: .seeOther])),
                ("POST", SiteURL.providerClaims(w.providerID).path, [("email", "sales@nbackup.example")], Self.all(.forbidden, except: [.operator: .ok])),
                ("GET", SiteURL.providerClaim("matrix-claim").path, [], Self.all(.gone, signedOut: .gone)),
                ("GET", SiteURL.providerClaim("no-such-link").path, [], Self.all(.notFound, signedOut: .notFound)),
                ("POST", SiteURL.providerClaimRevoke(w.providerID, w.claim).path, [], Self.all(.forbidden, except: [.operator: .seeOther])),
            ]
            try await AccessMatrix.pages(rows, roles: Role.allCases, browsers: w.browsers, signedOut: .signedOut) { role, path, response in
                XCTAssertFalse(response.body.string.contains("Anonymous Firm B"), "\(role) at \(path)")
            }
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let answer = #"{"answer":"We now use MFA on every remote session."}"#
            let rows: [AccessMatrix.APIRow<Role>] = [
                (.PUT, "/reviews/\(w.review)/answer", answer, Self.all(.forbidden, signedOut: .unauthorized, except: [.provider: .ok])),
                (.PUT, "/reviews/\(w.review)/answer", #"{"answer":""}"#, Self.all(.forbidden, signedOut: .unauthorized, except: [.provider: .unprocessableEntity])),
                (.PUT, "/providers/\(w.providerID)/reviews/own", ProviderAccessMatrixTests.reviewJSON,
                 Self.all(.notFound, signedOut: .unauthorized, except: [.reviewer: .ok])),
                (.POST, "/reviews/\(w.review)/report", #"{"reason":"abusive"}"#, Self.all(.noContent, signedOut: .unauthorized)),
                (.POST, "/reviews/\(w.review)/report", #"{"reason":"abusive"}"#, Self.all(.conflict, signedOut: .unauthorized)),
                (.POST, "/reviews/\(w.anonymousReview)/report", #"{"reason":"nonsense"}"#, Self.all(.unprocessableEntity, signedOut: .unauthorized)),
                (.PUT, "/reviews/\(UUID())/answer", answer, Self.all(.notFound, signedOut: .unauthorized)),
            ]
            try await AccessMatrix.api(world.app, rows, roles: Role.allCases, tokens: w.tokens)
            let answered = try await world.app.api(.GET, "/providers/\(w.providerID)/reviews", token: w.tokens[.expert])
            XCTAssertTrue(answered.body.string.contains("We now use MFA"), answered.body.string)
        }
    }

    /// Hidden after a report: its firm and the operator still see it, nobody else, and it leaves the scores.
    func testAHiddenReviewIsSeenOnlyByItsFirmAndTheOperatorWhoNeverLearnsAnAnonymousAuthor() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let op = try XCTUnwrap(w.browsers[.operator])
            try await op.get(SiteURL.account.path)
            let report = try await world.app.api(.POST, "/reviews/\(w.anonymousReview)/report", token: w.tokens[.expert], json: #"{"reason":"abusive"}"#)
            XCTAssertEqual(report.status, .noContent)
            let queue = try await op.get(SiteURL.reviewReports.path)
            XCTAssertTrue(queue.body.string.contains("Slow to answer."), queue.body.string)
            XCTAssertFalse(queue.body.string.contains("Anonymous Firm B"), "the operator does not learn an anonymous author")
            XCTAssertTrue(queue.body.string.contains("A member firm") || queue.body.string.contains("a member firm"), queue.body.string)
            let missing = try await op.post(SiteURL.reviewModeration(w.anonymousReview).path, pairs: [("decision", "hide")])
            XCTAssertEqual(missing.status, .unprocessableEntity, "hiding needs a reason for the firm")
            let hide = try await op.post(SiteURL.reviewModeration(w.anonymousReview).path, pairs: [("decision", "hide"), ("reason", "Insulting staff by name")])
            XCTAssertEqual(hide.status, .seeOther)
            for role in Role.allCases where role != .signedOut && role != .operator {
                let reviews = try await world.app.api(.GET, "/providers/\(w.providerID)/reviews", token: w.tokens[role])
                XCTAssertFalse(reviews.body.string.contains("Slow to answer."), "\(role) no longer sees the hidden review")
            }
            let moderated = try await world.app.api(.GET, "/providers/\(w.providerID)/reviews", token: w.tokens[.operator])
            XCTAssertTrue(moderated.body.string.contains("Slow to answer."), "the operator still sees what was hidden")
            XCTAssertEqual(moderated.json["reviewing_firms"] as? Int, 1, "a hidden review leaves the count")
            let adminB = try await Person.query(on: world.app.db).filter(\.$email == "admin@b.example").first()
            let own = try await world.app.api(.GET, "/providers/\(w.providerID)/reviews", token: try await Seed.token(world.app, for: try XCTUnwrap(adminB)))
            XCTAssertTrue(own.body.string.contains("Insulting staff by name"), "its firm sees it and why: \(own.body.string)")
            let answer = try await world.app.api(.PUT, "/reviews/\(w.anonymousReview)/answer", token: w.tokens[.provider], json: #"{"answer":"x"}"#)
            XCTAssertEqual(answer.status, .notFound, "a hidden review cannot be answered by the provider either")
        }
    }
}
