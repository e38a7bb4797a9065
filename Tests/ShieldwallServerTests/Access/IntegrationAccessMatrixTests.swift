import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for a firm's integrations: its alerts and devices are its own people's only; its keys, device list
/// and policy its admins' only. Another
/// firm, the community's facilitator and experts and the operator find nothing (404) and never see an alert.
final class IntegrationAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable { case signedOut, outsider, `operator`, staffA, adminA, expert, facilitator }

    struct World {
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
        let firm: UUID
        let key: UUID
    }

    static let secret = "Failed sign-in to the bakery till"

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
        let community = try await Seed.community(app, facilitator: try XCTUnwrap(people[.facilitator]), firms: [a],
                                                 experts: [try XCTUnwrap(people[.expert])])
        for role in [Role.adminA, .staffA, .expert] { try await Seed.acceptCharter(app, community, by: try XCTUnwrap(people[role])) }
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        let firm = try a.requireID()
        let token = try await XCTUnwrap(browsers[.adminA]).createIntegrationKey(firm, scopes: ["alerts", "devices"])
        let sent = try await app.ingest(AlertSamples.ours(AlertSamples.iso(app.shieldwall.time.now), summary: Self.secret), key: token)
        XCTAssertEqual(sent.status, .ok, sent.body.string)
        let devices = try await app.putDevices(DeviceSamples.list([DeviceSamples.device("Till", owner: Self.secret)]), key: token)
        XCTAssertEqual(devices.status, .ok, devices.body.string)
        let stored = try await IntegrationKey.query(on: app.db).first()
        let key = try XCTUnwrap(stored).requireID()
        return World(browsers: browsers, tokens: tokens, firm: firm, key: key)
    }

    static func firmOnly(_ status: HTTPStatus, signedOut: HTTPStatus = .seeOther, admin: HTTPStatus? = nil, staff: HTTPStatus? = nil) -> [Role: HTTPStatus] {
        [.signedOut: signedOut, .outsider: .notFound, .operator: .notFound, .expert: .notFound, .facilitator: .notFound,
         .staffA: staff ?? status, .adminA: admin ?? status]
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let rows: [AccessMatrix.PageRow<Role>] = [
                ("GET", SiteURL.organisationSecurity(w.firm).path, [], Self.firmOnly(.ok)),
                ("GET", SiteURL.organisationSecurity(UUID()).path, [], Self.firmOnly(.notFound)),
                ("POST", SiteURL.organisationSecurityBlocks(w.firm).path, [("addresses", "91.240.118.50")], Self.firmOnly(.seeOther, staff: .forbidden)),
                ("POST", SiteURL.organisationSecurityBlockRemove(w.firm, UUID()).path, [], Self.firmOnly(.notFound, staff: .forbidden)),
                ("GET", SiteURL.organisationDevices(w.firm).path, [], Self.firmOnly(.ok)),
                ("GET", SiteURL.organisationDevicesCSV(w.firm).path, [], Self.firmOnly(.ok)),
                ("POST", SiteURL.organisationDevices(w.firm).path, [], Self.firmOnly(.unprocessableEntity, staff: .forbidden)),
                ("POST", SiteURL.organisationDevicePolicy(w.firm).path, [("updateWithinDays", "10"), ("signaturesWithinDays", "7")],
                 Self.firmOnly(.seeOther, staff: .forbidden)),
                ("POST", SiteURL.organisationDevicePolicy(w.firm).path, [("updateWithinDays", "0")], Self.firmOnly(.unprocessableEntity, staff: .forbidden)),
                ("POST", SiteURL.organisationSecurityActions(w.firm).path, [("device", "Till")], Self.firmOnly(.seeOther, staff: .forbidden)),
                ("POST", SiteURL.organisationSecurityActions(w.firm).path, [("device", "No such")], Self.firmOnly(.notFound, staff: .forbidden)),
                ("GET", SiteURL.organisationIntegrations(w.firm).path, [], Self.firmOnly(.ok, staff: .notFound)),
                ("POST", SiteURL.organisationIntegrations(w.firm).path, [("name", "Wazuh"), ("alerts", "true")], Self.firmOnly(.ok, staff: .notFound)),
                ("POST", SiteURL.organisationIntegrations(w.firm).path, [("name", "")], Self.firmOnly(.unprocessableEntity, staff: .notFound)),
                ("POST", SiteURL.organisationIntegrationKeyRevoke(w.firm, UUID()).path, [], Self.firmOnly(.notFound)),
                ("POST", SiteURL.organisationIntegrationKeyRevoke(w.firm, w.key).path, [], Self.firmOnly(.seeOther, staff: .notFound)),
            ]
            try await AccessMatrix.pages(rows, roles: Role.allCases, browsers: w.browsers, signedOut: .signedOut) { role, path, response in
                if ![Role.staffA, .adminA].contains(role) { XCTAssertFalse(response.body.string.contains(Self.secret), "\(role) at \(path)") }
            }
            let dashboard = try await XCTUnwrap(w.browsers[.staffA]).get(SiteURL.organisationSecurity(w.firm).path)
            XCTAssertTrue(dashboard.body.string.contains(Self.secret))
            let firmPage = try await XCTUnwrap(w.browsers[.operator]).get(SiteURL.organisation(w.firm).path)
            XCTAssertEqual(firmPage.status, .ok)
            XCTAssertFalse(firmPage.body.string.contains(SiteURL.organisationSecurity(w.firm).path), "the operator is not offered the dashboard")
            // The operator sees counts only.
            let console = try await XCTUnwrap(w.browsers[.operator]).get(SiteURL.operatorHome.path)
            for figure in ["1</strong> firms with a tool connected", "1</strong> alerts from firms", "1</strong> devices reported"] {
                XCTAssertTrue(console.body.string.contains(figure), "\(figure): \(console.body.string)")
            }
            XCTAssertFalse(console.body.string.contains(Self.secret))
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let rows: [AccessMatrix.APIRow<Role>] = [
                (.GET, "/organisations/\(w.firm)/alerts", nil, Self.firmOnly(.ok, signedOut: .unauthorized)),
                (.GET, "/organisations/\(w.firm)/alerts?since=yesterday", nil, Self.firmOnly(.unprocessableEntity, signedOut: .unauthorized)),
                (.GET, "/organisations/\(UUID())/alerts", nil, Self.firmOnly(.notFound, signedOut: .unauthorized)),
                (.GET, "/organisations/\(w.firm)/devices", nil, Self.firmOnly(.ok, signedOut: .unauthorized)),
                (.GET, "/organisations/\(UUID())/devices", nil, Self.firmOnly(.notFound, signedOut: .unauthorized)),
                (.GET, "/organisations/\(w.firm)/blocks", nil, Self.firmOnly(.ok, signedOut: .unauthorized)),
                (.POST, "/organisations/\(w.firm)/blocks", #"{"addresses": ["91.240.118.51"], "reason": "Guessing passwords"}"#,
                 Self.firmOnly(.created, signedOut: .unauthorized, staff: .forbidden)),
                (.POST, "/organisations/\(w.firm)/blocks", #"{"addresses": ["8.8.8.8"]}"#,
                 Self.firmOnly(.unprocessableEntity, signedOut: .unauthorized, staff: .forbidden)),
                (.DELETE, "/organisations/\(w.firm)/blocks/\(UUID())", nil, Self.firmOnly(.notFound, signedOut: .unauthorized, staff: .forbidden)),
                (.PUT, "/ingest/devices", DeviceSamples.list([DeviceSamples.device("Laptop")]),
                 Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, HTTPStatus.unauthorized) })),
                // A person's token is no integration key.
                (.POST, "/ingest/alerts", AlertSamples.ours(AlertSamples.iso(world.app.shieldwall.time.now)),
                 Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, HTTPStatus.unauthorized) })),
            ]
            try await AccessMatrix.api(world.app, rows, roles: Role.allCases, tokens: w.tokens) { role, path, response in
                if ![Role.staffA, .adminA].contains(role) { XCTAssertFalse(response.body.string.contains(Self.secret), "\(role) at \(path)") }
            }
            let listed = try await world.app.api(.GET, "/organisations/\(w.firm)/alerts", token: w.tokens[.staffA])
            XCTAssertEqual((listed.json["items"] as? [[String: Any]])?.first?["summary"] as? String, Self.secret)
        }
    }
}
