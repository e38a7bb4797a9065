import Fluent
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §6: every route × every role, with the status each must get. A new route gets a row here.
final class AccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable {
        case signedOut, staffA, adminA, adminB, expert, `operator`
    }

    struct World {
        let orgA: UUID
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
    }

    func makeWorld(_ world: TestWorld) async throws -> World {
        let app = world.app
        let a = try await Seed.organisation(app, name: "Firm A")
        let b = try await Seed.organisation(app, name: "Firm B")
        let people: [Role: Person] = [
            .staffA: try await Seed.person(app, email: "staff@a.example", organisation: a, role: .staff),
            .adminA: try await Seed.person(app, email: "admin@a.example", organisation: a, role: .admin),
            .adminB: try await Seed.person(app, email: "admin@b.example", organisation: b, role: .admin),
            .expert: try await Seed.person(app, email: "expert@experts.example", organisation: nil),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
        ]
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        return World(orgA: try a.requireID(), browsers: browsers, tokens: tokens)
    }

    private var counter = 0
    private func freshEmail() -> String {
        counter += 1
        return "new\(counter)@a.example"
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world)
            let org = w.orgA
            typealias Row = (String, String, [String: String]?, [Role: HTTPStatus])
            let out: HTTPStatus = .seeOther
            let rows: [Row] = [
                ("GET", "/", nil, [.signedOut: .ok, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .operator: .ok]),
                ("GET", SiteURL.account.path, nil, [.signedOut: out, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .operator: .ok]),
                ("GET", SiteURL.accountMFA.path, nil, [.signedOut: out, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .operator: .ok]),
                ("GET", SiteURL.accountTokens.path, nil, [.signedOut: out, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .operator: .ok]),
                ("GET", SiteURL.accountSessions.path, nil, [.signedOut: out, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .operator: .ok]),
                ("GET", SiteURL.organisation(org).path, nil, [.signedOut: out, .staffA: .ok, .adminA: .ok, .adminB: .notFound, .expert: .notFound, .operator: .ok]),
                ("GET", SiteURL.organisationAudit(org).path, nil, [.signedOut: out, .staffA: .notFound, .adminA: .ok, .adminB: .notFound, .expert: .notFound, .operator: .ok]),
                ("POST", SiteURL.organisationInvitations(org).path, ["role": "staff"], [.signedOut: out, .staffA: .notFound, .adminA: .ok, .adminB: .notFound, .expert: .notFound, .operator: .ok]),
                ("POST", SiteURL.organisationSettings(org).path, ["name": "Firm A", "staff_count": "5", "sector": "s", "region": "r"],
                 [.signedOut: out, .staffA: .notFound, .adminA: out, .adminB: .notFound, .expert: .notFound, .operator: out]),
                ("POST", SiteURL.organisationPersonRole(org, UUID()).path, ["role": "staff"], [.signedOut: out, .staffA: .notFound,
                    .adminA: .unprocessableEntity, .adminB: .notFound, .expert: .notFound, .operator: .unprocessableEntity]),
                ("POST", SiteURL.organisationPersonDeactivate(org, UUID()).path, [:], [.signedOut: out, .staffA: .notFound,
                    .adminA: .unprocessableEntity, .adminB: .notFound, .expert: .notFound, .operator: .unprocessableEntity]),
                ("POST", SiteURL.organisationInvitationRevoke(org, UUID()).path, [:], [.signedOut: out, .staffA: .notFound, .adminA: .notFound, .adminB: .notFound, .expert: .notFound, .operator: .notFound]),
            ] + [SiteURL.operatorHome, SiteURL.operatorOrganisations, SiteURL.operatorInvitations, SiteURL.operatorOutbox,
                 SiteURL.operatorSettings, SiteURL.operatorAudit, SiteURL.operatorFederation].map {
                ("GET", $0.path, nil, [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .ok])
            } + [
                ("POST", SiteURL.operatorInvitations.path, ["kind": "expert"], [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .ok]),
                ("POST", SiteURL.operatorSettings.path, ["session_idle_minutes": "30", "session_absolute_hours": "12"],
                 [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: out]),
                // Federation: operators only; an empty form is refused field by field, an unknown peer or account is not found.
                ("POST", SiteURL.operatorFederation.path, ["name": ""], [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .unprocessableEntity]),
                ("POST", SiteURL.operatorPeerAccounts.path, ["name": ""], [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .unprocessableEntity]),
                ("POST", SiteURL.operatorPeerPull(UUID()).path, [:], [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .notFound]),
                ("POST", SiteURL.operatorPeerPause(UUID()).path, ["paused": "true"], [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .notFound]),
                ("POST", SiteURL.operatorPeerRemove(UUID()).path, [:], [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .notFound]),
                ("POST", SiteURL.operatorPeerAccountRevoke(UUID()).path, [:], [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .notFound]),
                ("POST", SiteURL.operatorPeerAccountPush(UUID()).path, [:], [.signedOut: out, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .notFound]),
                ("GET", SiteURL.register.path, nil, [.signedOut: .notFound, .staffA: .notFound, .adminA: .notFound, .adminB: .notFound, .expert: .notFound, .operator: .notFound]),
                // The language switch at the foot of every page: open to everyone, back to the page it was used on.
                ("POST", SiteURL.language.path, ["language": "es", "back": "/"], [.signedOut: out, .staffA: out, .adminA: out, .adminB: out, .expert: out, .operator: out]),
                ("POST", SiteURL.language.path, ["language": "xx"], [.signedOut: .unprocessableEntity, .staffA: .unprocessableEntity, .adminA: .unprocessableEntity,
                                                                     .adminB: .unprocessableEntity, .expert: .unprocessableEntity, .operator: .unprocessableEntity]),
                // Words explained: no data, open to everyone.
                ("GET", SiteURL.glossary.path, nil, [.signedOut: .ok, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .operator: .ok]),
            ]
            for (method, path, form, expected) in rows {
                for role in Role.allCases {
                    let browser = try XCTUnwrap(w.browsers[role])
                    let response: XCTHTTPResponse
                    if method == "GET" {
                        response = try await browser.get(path)
                    } else {
                        var fields = form ?? [:]
                        if fields["role"] != nil || fields["kind"] != nil { fields["email"] = freshEmail() }
                        try await browser.get(role == .signedOut ? SiteURL.signIn.path : SiteURL.account.path)
                        response = try await browser.post(path, fields)
                    }
                    XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role)")
                    if role == .signedOut, expected[role] == out, path != SiteURL.language.path {
                        XCTAssertTrue(response.location?.hasPrefix("/sign-in") ?? false, "\(path) sends visitors to sign in")
                    }
                }
            }
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world)
            let org = w.orgA.uuidString
            typealias Row = (HTTPMethod, String, String?, [Role: HTTPStatus])
            let rows: [Row] = [
                (.GET, "/me", nil, [.signedOut: .unauthorized, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .operator: .ok]),
                (.GET, "/organisations", nil, [.signedOut: .unauthorized, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .operator: .ok]),
                (.POST, "/organisations", #"{"name":"N","staff_count":3,"sector":"s","region":"r"}"#,
                 [.signedOut: .unauthorized, .staffA: .forbidden, .adminA: .forbidden, .adminB: .forbidden, .expert: .forbidden, .operator: .created]),
                (.GET, "/organisations/\(org)", nil, [.signedOut: .unauthorized, .staffA: .ok, .adminA: .ok, .adminB: .notFound, .expert: .notFound, .operator: .ok]),
                (.PATCH, "/organisations/\(org)", #"{"region":"Leeds"}"#, [.signedOut: .unauthorized, .staffA: .notFound, .adminA: .ok, .adminB: .notFound, .expert: .notFound, .operator: .ok]),
                (.GET, "/organisations/\(org)/people", nil, [.signedOut: .unauthorized, .staffA: .ok, .adminA: .ok, .adminB: .notFound, .expert: .notFound, .operator: .ok]),
                (.GET, "/organisations/\(org)/audit-events", nil, [.signedOut: .unauthorized, .staffA: .notFound, .adminA: .ok, .adminB: .notFound, .expert: .notFound, .operator: .ok]),
                (.POST, "/organisations/\(org)/invitations", "INVITE", [.signedOut: .unauthorized, .staffA: .notFound, .adminA: .created, .adminB: .notFound, .expert: .notFound, .operator: .created]),
                (.GET, "/organisations/\(UUID().uuidString)", nil, [.signedOut: .unauthorized, .staffA: .notFound, .adminA: .notFound, .adminB: .notFound, .expert: .notFound, .operator: .notFound]),
            ]
            for (method, path, body, expected) in rows {
                for role in Role.allCases {
                    let json = body == "INVITE" ? #"{"email":"\#(freshEmail())","role":"staff"}"# : body
                    let response = try await world.app.api(method, path, token: w.tokens[role], json: json)
                    XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role): \(response.body.string)")
                }
            }
            // Lists hold only what the caller may see.
            func names(_ role: Role) async throws -> Set<String> {
                let page = try await world.app.api(.GET, "/organisations", token: w.tokens[role])
                return Set(((page.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
            }
            let staff = try await names(.staffA), adminB = try await names(.adminB), expert = try await names(.expert), op = try await names(.operator)
            XCTAssertEqual(staff, ["Firm A"])
            XCTAssertEqual(adminB, ["Firm B"])
            XCTAssertEqual(expert, [])
            XCTAssertTrue(op.isSuperset(of: ["Firm A", "Firm B"]))
        }
    }
}
