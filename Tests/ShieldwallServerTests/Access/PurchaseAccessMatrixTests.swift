import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for pooled purchases: community content, so only its participants read them and propose; only the
/// admin of a firm taking part registers the firm's number; the organiser or the facilitator posts the outcome,
/// once. A firm outside the community and the operator see nothing (404). Every route × every role.
final class PurchaseAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable { case signedOut, outsider, `operator`, adminA, expert, organiser, facilitator }

    struct World {
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
        let slug: String
        let purchase: UUID
    }

    func makeWorld(_ app: Application) async throws -> World {
        let a = try await Seed.organisation(app, name: "Firm A"), c = try await Seed.organisation(app, name: "Firm Outside")
        let people: [Role: Person] = [
            .outsider: try await Seed.person(app, email: "admin@outside.example", organisation: c, role: .admin),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
            .adminA: try await Seed.person(app, email: "admin@a.example", organisation: a, role: .admin),
            .expert: try await Seed.person(app, email: "expert@experts.example"),
            .organiser: try await Seed.person(app, email: "staff@a.example", organisation: a, role: .staff),
            .facilitator: try await Seed.person(app, email: "fac@experts.example"),
        ]
        let community = try await Seed.community(app, facilitator: try XCTUnwrap(people[.facilitator]), firms: [a],
                                                 experts: [try XCTUnwrap(people[.expert])])
        for role in [Role.adminA, .expert, .organiser] { try await Seed.acceptCharter(app, community, by: try XCTUnwrap(people[role])) }
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        let created = try await app.api(.POST, "/communities/\(community.slug)/purchases", token: tokens[.organiser],
                                        json: #"{"title":"A password manager for our firms","unit":"licences","deadline":"\#(Self.day(app, in: 30))"}"#)
        XCTAssertEqual(created.status, .created, created.body.string)
        return World(browsers: browsers, tokens: tokens, slug: community.slug, purchase: try XCTUnwrap(UUID(uuidString: created.json["id"] as? String ?? "")))
    }

    static func day(_ app: Application, in days: Double) -> String {
        PurchaseActions.dayFormatter.string(from: app.shieldwall.time.now.addingTimeInterval(days * 86400))
    }

    static func inside(_ status: HTTPStatus, signedOut: HTTPStatus = .seeOther, except: [Role: HTTPStatus] = [:]) -> [Role: HTTPStatus] {
        var out: [Role: HTTPStatus] = [.signedOut: signedOut, .outsider: .notFound, .operator: .notFound]
        for role in [Role.adminA, .expert, .organiser, .facilitator] { out[role] = status }
        return out.merging(except) { _, new in new }
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let future = Self.day(world.app, in: 20)
            let rows: [AccessMatrix.PageRow<Role>] = [
                ("GET", SiteURL.communityPurchases(w.slug).path, [], Self.inside(.ok)),
                ("GET", SiteURL.communityPurchase(w.slug, w.purchase).path, [], Self.inside(.ok)),
                ("GET", SiteURL.communityPurchase(w.slug, UUID()).path, [], Self.inside(.notFound)),
                ("POST", SiteURL.communityPurchases(w.slug).path, [("title", "A joint penetration test"), ("deadline", future)], Self.inside(.seeOther)),
                ("POST", SiteURL.communityPurchases(w.slug).path, [("title", ""), ("deadline", "2020-01-01")], Self.inside(.unprocessableEntity)),
                ("POST", SiteURL.communityPurchaseInterest(w.slug, w.purchase).path, [("quantity", "5")],
                 Self.inside(.forbidden, except: [.adminA: .seeOther])),
                ("POST", SiteURL.communityPurchaseInterest(w.slug, w.purchase).path, [("quantity", "-1")],
                 Self.inside(.forbidden, except: [.adminA: .unprocessableEntity])),
                ("POST", SiteURL.communityPurchaseOutcome(w.slug, w.purchase).path, [("outcome", "Bought 40 licences at 3 € each.")],
                 Self.inside(.forbidden, except: [.organiser: .seeOther, .facilitator: .conflict])),
                // Decided: no more interest.
                ("POST", SiteURL.communityPurchaseInterest(w.slug, w.purchase).path, [("quantity", "6")],
                 Self.inside(.forbidden, except: [.adminA: .conflict])),
            ]
            try await AccessMatrix.pages(rows, roles: Role.allCases, browsers: w.browsers, signedOut: .signedOut) { role, path, response in
                if role == .outsider || role == .operator { XCTAssertFalse(response.body.string.contains("password manager"), "\(role) at \(path)") }
            }
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let base = "/communities/\(w.slug)/purchases"
            let rows: [AccessMatrix.APIRow<Role>] = [
                (.GET, base, nil, Self.inside(.ok, signedOut: .unauthorized)),
                (.GET, "\(base)/\(w.purchase)", nil, Self.inside(.ok, signedOut: .unauthorized)),
                (.POST, base, #"{"title":"A shared part-time expert","deadline":"\#(Self.day(world.app, in: 10))"}"#, Self.inside(.created, signedOut: .unauthorized)),
                (.POST, base, #"{"title":"Too late","deadline":"\#(Self.day(world.app, in: -1))"}"#, Self.inside(.unprocessableEntity, signedOut: .unauthorized)),
                (.PUT, "\(base)/\(w.purchase)/interest", #"{"quantity":12}"#, Self.inside(.forbidden, signedOut: .unauthorized, except: [.adminA: .ok])),
                (.PUT, "\(base)/\(w.purchase)/interest", #"{"quantity":100001}"#,
                 Self.inside(.forbidden, signedOut: .unauthorized, except: [.adminA: .unprocessableEntity])),
                (.POST, "\(base)/\(w.purchase)/outcome", #"{"outcome":""}"#,
                 Self.inside(.forbidden, signedOut: .unauthorized, except: [.organiser: .unprocessableEntity, .facilitator: .unprocessableEntity])),
                (.POST, "\(base)/\(w.purchase)/outcome", #"{"outcome":"Bought."}"#,
                 Self.inside(.forbidden, signedOut: .unauthorized, except: [.organiser: .ok, .facilitator: .conflict])),
            ]
            try await AccessMatrix.api(world.app, rows, roles: Role.allCases, tokens: w.tokens)
            let shown = try await world.app.api(.GET, "\(base)/\(w.purchase)", token: w.tokens[.expert])
            XCTAssertEqual(shown.json["quantity"] as? Int, 12, shown.body.string)
            XCTAssertEqual(shown.json["firms"] as? Int, 1)
            XCTAssertEqual(shown.json["status"] as? String, "decided")
        }
    }
}
