import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for KPIs: a firm's values are its own people's only and its admin's to enter; a community's set and
/// figures are for those taking part and, as figures only, the operator; proposing and deciding is the facilitator's;
/// voting anyone's taking part. An advisory goes into a firm's action list by its admin only.
final class MetricsAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable { case signedOut, outsider, `operator`, staffA, adminA, expert, facilitator }

    struct World {
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
        let firm: UUID
        let slug: String
        let set: UUID
        let advisory: UUID
    }

    static let secret = "73.4"

    func makeWorld(_ app: Application) async throws -> World {
        let a = try await Seed.organisation(app, name: "Firm A"), c = try await Seed.organisation(app, name: "Firm Outside")
        let people: [Role: Person] = [
            .outsider: try await Seed.person(app, email: "admin@outside.example", organisation: c, role: .admin),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
            .staffA: try await Seed.person(app, email: "staff@a.example", organisation: a, role: .staff),
            .adminA: try await Seed.person(app, email: "admin@a.example", organisation: a, role: .admin),
            .expert: try await Seed.person(app, email: "expert@experts.example"),
            .facilitator: try await Seed.person(app, email: "fac@experts.example"),
        ]
        let community = try await Seed.community(app, facilitator: try XCTUnwrap(people[.facilitator]), firms: [a], experts: [try XCTUnwrap(people[.expert])])
        for role in [Role.adminA, .staffA, .expert] { try await Seed.acceptCharter(app, community, by: try XCTUnwrap(people[role])) }
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        let firm = try a.requireID()
        let value = KPIValue()
        value.$organisation.id = firm
        value.kpiID = "mfa"
        value.month = KPIMonth.of(app.shieldwall.time.now)
        value.value = Double(Self.secret) ?? 0
        value.enteredAt = app.shieldwall.time.now
        try await value.create(on: app.db)
        let set = KPISet()
        set.$community.id = try community.requireID()
        set.status = .proposed
        set.setItems([KPISet.Item(kpi: "mfa", target: 100)])
        set.note = ""
        set.createdAt = app.shieldwall.time.now
        try await set.create(on: app.db)
        let advisory = try await app.api(.POST, "/communities/\(community.slug)/reports", token: tokens[.expert],
                                         json: #"{"kind": "advisory", "title": "Patch now", "summary": "Exploited.", "tlp": "green"}"#)
        XCTAssertEqual(advisory.status, .created, advisory.body.string)
        return World(browsers: browsers, tokens: tokens, firm: firm, slug: community.slug, set: try set.requireID(),
                     advisory: try XCTUnwrap(UUID(uuidString: advisory.json["id"] as? String ?? "")))
    }

    static func only(_ allowed: [Role: HTTPStatus], otherwise: HTTPStatus = .notFound, signedOut: HTTPStatus = .seeOther) -> [Role: HTTPStatus] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0 == .signedOut ? signedOut : allowed[$0] ?? otherwise) })
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let month = KPIMonth.of(world.app.shieldwall.time.now)
            let rows: [AccessMatrix.PageRow<Role>] = [
                ("GET", SiteURL.organisationKPIs(w.firm).path, [], Self.only([.staffA: .ok, .adminA: .ok])),
                ("GET", SiteURL.organisationKPIsCSV(w.firm).path, [], Self.only([.staffA: .ok, .adminA: .ok])),
                ("POST", SiteURL.organisationKPIs(w.firm).path, [("month", month), ("value-mfa", "80")], Self.only([.staffA: .forbidden, .adminA: .seeOther])),
                ("GET", SiteURL.communityKPIs(w.slug).path, [], Self.only([.staffA: .ok, .adminA: .ok, .expert: .ok, .facilitator: .ok, .operator: .ok])),
                ("POST", SiteURL.communityKPISet(w.slug, w.set).path, [("vote", "agree")],
                 Self.only([.staffA: .seeOther, .adminA: .seeOther, .expert: .seeOther, .facilitator: .seeOther, .operator: .forbidden])),
                ("POST", SiteURL.communityKPIs(w.slug).path, [("kpi-mfa", "true"), ("target-mfa", "90")],
                 Self.only([.facilitator: .seeOther, .staffA: .forbidden, .adminA: .forbidden, .expert: .forbidden, .operator: .forbidden])),
                ("POST", SiteURL.communityKPISetDecision(w.slug, UUID()).path, [("decision", "agree")],
                 Self.only([.facilitator: .notFound, .staffA: .notFound, .adminA: .notFound, .expert: .notFound, .operator: .notFound])),
                ("GET", SiteURL.operatorKPIs.path, [], Self.only([.operator: .ok], otherwise: .forbidden)),
                ("POST", SiteURL.reportAction(w.advisory).path, [], Self.only([.adminA: .seeOther, .staffA: .forbidden, .expert: .forbidden,
                                                                              .facilitator: .forbidden])),
            ]
            try await AccessMatrix.pages(rows, roles: Role.allCases, browsers: w.browsers, signedOut: .signedOut) { role, path, response in
                if ![Role.staffA, .adminA].contains(role) { XCTAssertFalse(response.body.string.contains(Self.secret), "\(role) at \(path)") }
            }
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let month = KPIMonth.of(world.app.shieldwall.time.now)
            let rows: [AccessMatrix.APIRow<Role>] = [
                (.GET, "/organisations/\(w.firm)/kpis", nil, Self.only([.staffA: .ok, .adminA: .ok], signedOut: .unauthorized)),
                (.POST, "/organisations/\(w.firm)/kpis", #"{"month":"\#(month)","values":{"mfa":"80"}}"#,
                 Self.only([.staffA: .forbidden, .adminA: .created], signedOut: .unauthorized)),
                (.GET, "/communities/\(w.slug)/kpis", nil,
                 Self.only([.staffA: .ok, .adminA: .ok, .expert: .ok, .facilitator: .ok, .operator: .ok], signedOut: .unauthorized)),
            ]
            try await AccessMatrix.api(world.app, rows, roles: Role.allCases, tokens: w.tokens) { role, path, response in
                if ![Role.staffA, .adminA].contains(role) { XCTAssertFalse(response.body.string.contains(Self.secret), "\(role) at \(path)") }
            }
        }
    }
}
