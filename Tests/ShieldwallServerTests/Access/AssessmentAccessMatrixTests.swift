import Fluent
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for self-assessment: a firm's assessments, answers, results, actions and check-ins
/// belong to that firm alone (not even operators read them); benchmarks show community figures
/// to members, the facilitator and operators. Every route × every role, page and API.
final class AssessmentAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable {
        case signedOut, staffA, adminA, adminB, expert, outsiderExpert, `operator`
    }

    struct World {
        let draftA: UUID
        let submittedA: UUID
        let actionA: UUID
        let slug: String
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
    }

    func makeWorld(_ app: Application) async throws -> World {
        let a = try await Seed.organisation(app, name: "Firm A"), b = try await Seed.organisation(app, name: "Firm B")
        let facilitator = try await Seed.person(app, email: "lead@community.example", organisation: nil)
        let people: [Role: Person] = [
            .staffA: try await Seed.person(app, email: "staff@a.example", organisation: a, role: .staff),
            .adminA: try await Seed.person(app, email: "admin@a.example", organisation: a, role: .admin),
            .adminB: try await Seed.person(app, email: "admin@b.example", organisation: b, role: .admin),
            .expert: try await Seed.person(app, email: "expert@experts.example", organisation: nil),
            .outsiderExpert: try await Seed.person(app, email: "other@experts.example", organisation: nil),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
        ]
        let community = try await Seed.community(app, facilitator: facilitator, firms: [a, b], experts: [people[.expert]].compactMap { $0 })
        for role in [Role.staffA, .adminA, .adminB, .expert] { try await Seed.acceptCharter(app, community, by: try XCTUnwrap(people[role])) }
        let adminA = try XCTUnwrap(people[.adminA])
        let submitted = try await Seed.submittedAssessment(app, admin: adminA, except: ["ua-mfa-email": "no"], daysAgo: 30)
        let signed = try SignedIn(person: adminA, organisation: nil, sessionID: nil, stage: .full)
        let (draft, _) = try await AssessmentActions.start(org: try a.requireID(), person: signed, bank: try AssessmentContent.bank(),
                                                      on: app.db, now: app.shieldwall.time.now)
        let action = PlanAction(organisationID: try a.requireID(), recommendationID: "turn-on-mfa-email", title: "Turn on MFA",
                                createdBy: adminA.id, at: app.shieldwall.time.now)
        try await action.create(on: app.db)
        try await CoachResult(personID: try XCTUnwrap(people[.staffA]).requireID(), organisationID: a.id, checkInID: "phishing",
                              correct: 1, total: 3, answers: ["ph-invoice": "pay"], at: app.shieldwall.time.now).create(on: app.db)
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        return World(draftA: try draft.requireID(), submittedA: try submitted.requireID(), actionA: try action.requireID(),
                     slug: community.slug, browsers: browsers, tokens: tokens)
    }

    /// Firm A's own things: its people only; everyone else "not found".
    static func firmA(_ ok: HTTPStatus, staff: HTTPStatus? = nil, signedOut: HTTPStatus = .seeOther) -> [Role: HTTPStatus] {
        [.signedOut: signedOut, .staffA: staff ?? ok, .adminA: ok, .adminB: .notFound, .expert: .notFound, .outsiderExpert: .notFound, .operator: .notFound]
    }

    /// Things every firm has its own of (its list, its plan): firm people 200, people without a firm 404.
    static func anyFirm(_ ok: HTTPStatus, signedOut: HTTPStatus = .seeOther) -> [Role: HTTPStatus] {
        [.signedOut: signedOut, .staffA: ok, .adminA: ok, .adminB: ok, .expert: .notFound, .outsiderExpert: .notFound, .operator: .notFound]
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let out: HTTPStatus = .seeOther
            typealias Row = (String, String, [String: String]?, [Role: HTTPStatus])
            let rows: [Row] = [
                ("GET", SiteURL.assessment.path, nil, Self.anyFirm(.ok)),
                ("GET", SiteURL.assessmentResults(w.submittedA).path, nil, Self.firmA(.ok)),
                ("GET", SiteURL.assessmentResults(w.draftA).path, nil, Self.firmA(.ok)),
                ("GET", SiteURL.assessmentStep(w.draftA, "profile").path, nil, Self.firmA(.ok)),
                ("GET", SiteURL.assessmentStep(w.draftA, "backups").path, nil, Self.firmA(.ok)),
                ("GET", SiteURL.assessmentStep(w.draftA, "nonsense").path, nil, Self.firmA(.notFound)),
                ("POST", SiteURL.assessmentStep(w.draftA, "profile").path, ["website": "none"], Self.firmA(out)),
                ("GET", SiteURL.assessmentCSV(w.submittedA).path, nil, Self.firmA(.ok)),
                // Staff may answer but not submit; the admin is told what is unanswered.
                ("POST", SiteURL.assessmentSubmit(w.draftA).path, [:], Self.firmA(.unprocessableEntity, staff: .forbidden)),
                ("POST", SiteURL.assessmentStep(w.submittedA, "profile").path, ["website": "shop"], Self.firmA(.conflict)),
                ("GET", SiteURL.actions.path, nil, Self.anyFirm(.ok)),
                ("GET", SiteURL.actionsCSV.path, nil, Self.anyFirm(.ok)),
                ("GET", SiteURL.action(w.actionA).path, nil, Self.firmA(.ok)),
                ("POST", SiteURL.action(w.actionA).path, ["status": "doing"], Self.firmA(out, staff: .forbidden)),
                ("POST", SiteURL.actions.path, ["recommendation": "test-restore"], [.signedOut: out, .staffA: .forbidden, .adminA: out, .adminB: out,
                    .expert: .notFound, .outsiderExpert: .notFound, .operator: .notFound]),
                ("GET", SiteURL.coach.path, nil, [.signedOut: out, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .outsiderExpert: .ok, .operator: .ok]),
                ("GET", SiteURL.coachCheckIn("phishing").path, nil, [.signedOut: out, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok,
                    .outsiderExpert: .ok, .operator: .ok]),
                ("GET", SiteURL.coachCheckIn("nope").path, nil, [.signedOut: out, .staffA: .notFound, .adminA: .notFound, .adminB: .notFound,
                    .expert: .notFound, .outsiderExpert: .notFound, .operator: .notFound]),
                ("GET", SiteURL.coachTeam.path, nil, [.signedOut: out, .staffA: .notFound, .adminA: .ok, .adminB: .ok, .expert: .notFound,
                    .outsiderExpert: .notFound, .operator: .notFound]),
                ("GET", SiteURL.communityBenchmark(w.slug).path, nil, [.signedOut: out, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok,
                    .outsiderExpert: .notFound, .operator: .ok]),
            ]
            for (method, path, form, expected) in rows {
                for role in Role.allCases {
                    let browser = try XCTUnwrap(w.browsers[role])
                    let response: XCTHTTPResponse
                    if method == "GET" {
                        response = try await browser.get(path)
                    } else {
                        try await browser.get(role == .signedOut ? SiteURL.signIn.path : SiteURL.coach.path)
                        response = try await browser.post(path, form ?? [:])
                    }
                    XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role)")
                }
            }
            // What the pages show: the admin's team view names weak topics but never answers; the
            // colleague's own page shows their own result only.
            let team = try await XCTUnwrap(w.browsers[.adminA]).get(SiteURL.coachTeam.path)
            XCTAssertTrue(team.body.string.contains("phishing"))
            XCTAssertFalse(team.body.string.contains("ph-invoice"))
            let adminsOwn = try await XCTUnwrap(w.browsers[.adminA]).get(SiteURL.coach.path)
            XCTAssertFalse(adminsOwn.body.string.contains("1 / 3"), "the staff member's result is not on a colleague's page")
            let other = try await XCTUnwrap(w.browsers[.adminB]).get(SiteURL.assessment.path)
            XCTAssertFalse(other.body.string.contains(w.submittedA.uuidString))
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let unauth: HTTPStatus = .unauthorized
            typealias Row = (HTTPMethod, String, String?, [Role: HTTPStatus])
            let everyone: [Role: HTTPStatus] = [.signedOut: unauth, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok, .outsiderExpert: .ok, .operator: .ok]
            let rows: [Row] = [
                (.GET, "/assessment-bank", nil, everyone),
                (.GET, "/assessments", nil, Self.anyFirm(.ok, signedOut: unauth)),
                (.GET, "/assessments/\(w.submittedA)", nil, Self.firmA(.ok, signedOut: unauth)),
                (.GET, "/assessments/\(w.draftA)", nil, Self.firmA(.ok, signedOut: unauth)),
                (.PUT, "/assessments/\(w.draftA)/answers", #"{"answers":[{"question":"website","option":"none"}]}"#, Self.firmA(.ok, signedOut: unauth)),
                (.PUT, "/assessments/\(w.submittedA)/answers", #"{"answers":[{"question":"website","option":"none"}]}"#, Self.firmA(.conflict, signedOut: unauth)),
                (.POST, "/assessments/\(w.draftA)/submit", nil, Self.firmA(.unprocessableEntity, staff: .forbidden, signedOut: unauth)),
                (.POST, "/assessments/\(w.submittedA)/submit", nil, Self.firmA(.conflict, staff: .forbidden, signedOut: unauth)),
                (.GET, "/actions", nil, Self.anyFirm(.ok, signedOut: unauth)),
                (.PATCH, "/actions/\(w.actionA)", #"{"status":"doing"}"#, Self.firmA(.ok, staff: .forbidden, signedOut: unauth)),
                (.POST, "/actions", #"{"recommendation":"turn-on-mfa-email"}"#, [.signedOut: unauth, .staffA: .forbidden, .adminA: .ok, .adminB: .created,
                    .expert: .notFound, .outsiderExpert: .notFound, .operator: .notFound]),
                (.GET, "/communities/\(w.slug)/benchmark", nil, [.signedOut: unauth, .staffA: .ok, .adminA: .ok, .adminB: .ok, .expert: .ok,
                    .outsiderExpert: .notFound, .operator: .ok]),
            ]
            for (method, path, body, expected) in rows {
                for role in Role.allCases {
                    let response = try await world.app.api(method, path, token: w.tokens[role], json: body)
                    XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role): \(response.body.string)")
                }
            }
            // Lists and counts hold only the caller's firm.
            let listB = try await world.app.api(.GET, "/assessments", token: w.tokens[.adminB])
            XCTAssertEqual(listB.body.string, "[]")
            // One firm's answers never show in the benchmark, and with two firms (one contributing) it is hidden.
            let bench = try await world.app.api(.GET, "/communities/\(w.slug)/benchmark", token: w.tokens[.adminB])
            XCTAssertEqual(bench.json["shown"] as? Bool, false)
            XCTAssertFalse(bench.body.string.contains("ua-mfa-email"))
        }
    }
}
