import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for the joint plan: members who accepted the charter read, comment and propose; the
/// facilitator edits and publishes; a firm's admin signs and records the firm's part, which only the firm's
/// own people see; another community's people and the operator get nothing. Every route × every role.
final class PlanAccessMatrixTests: XCTestCase {
    typealias Role = PlanWorld.Role

    /// Versions 1 and 2 published, a draft of version 3 and one open proposal.
    func makeWorld(_ app: Application) async throws -> (PlanWorld, proposal: UUID) {
        let w = try await PlanWorld.make(app)
        try await w.publishFirstVersion()
        let fac = try w.browser(.facilitator)
        _ = try await fac.post(SiteURL.communityPlanDraftMeasure(w.slug, "prevent-updates").path, ["title": "Updates within a week", "text": "All devices."])
        _ = try await fac.post(SiteURL.communityPlanPublish(w.slug).path, ["summary": "Weekly updates."])
        _ = try await fac.post(SiteURL.communityPlanDraftMeasure(w.slug, "prevent-backups").path, ["title": "Nightly backups", "text": "Off site."])
        _ = try await w.browser(.staffB).post(SiteURL.communityPlanProposals(w.slug).path,
                                              ["kind": "remove", "measure": "people-check-in", "base_version": "2", "reason": "Covered by training."])
        return (w, try await PlanProposal.query(on: app.db).firstOrFail().requireID())
    }

    /// Members who accepted the charter get `ok`; the rest as given.
    static func readers(_ ok: HTTPStatus, facilitator: HTTPStatus? = nil, admin: HTTPStatus? = nil, staff: HTTPStatus? = nil,
                        expert: HTTPStatus? = nil, unaccepted: HTTPStatus = .seeOther, signedOut: HTTPStatus = .seeOther,
                        others: HTTPStatus = .notFound) -> [Role: HTTPStatus] {
        [.signedOut: signedOut, .facilitator: facilitator ?? ok, .adminB: admin ?? ok, .staffB: staff ?? ok, .expert: expert ?? ok,
         .unaccepted: unaccepted, .outsider: others, .operator: others]
    }

    typealias PageRow = (String, String, [String: String], [Role: HTTPStatus])

    /// Every row as every role; `secret` must never show to another community's people or the operator.
    func check(_ rows: [PageRow], in w: PlanWorld, secret: String) async throws {
        for (method, path, form, expected) in rows {
            for role in Role.allCases {
                let browser = try w.browser(role)
                let response: XCTHTTPResponse
                if method == "GET" {
                    response = try await browser.get(path)
                } else {
                    try await browser.get(role == .signedOut ? SiteURL.signIn.path : SiteURL.account.path)
                    response = try await browser.post(path, form)
                }
                XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role)")
                if role == .signedOut { XCTAssertTrue(response.location?.hasPrefix(SiteURL.signIn.path) ?? false, "\(path) signs in first") }
                if role == .outsider || role == .operator { XCTAssertFalse(response.body.string.contains(secret), "\(role) at \(path)") }
            }
        }
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let (w, proposal) = try await makeWorld(world.app)
            let slug = w.slug, out: HTTPStatus = .seeOther, no: HTTPStatus = .forbidden
            let rows: [PageRow] = [
                ("GET", SiteURL.communityPlan(slug).path, [:], Self.readers(.ok)),
                ("GET", SiteURL.communityPlan(slug).path + "?version=1", [:], Self.readers(.ok)),
                ("GET", SiteURL.communityPlanDraft(slug).path, [:], Self.readers(.ok)),
                ("GET", SiteURL.communityPlanDiff(slug).path + "?from=1&to=2", [:], Self.readers(.ok)),
                ("GET", SiteURL.communityPlanProposals(slug).path, [:], Self.readers(.ok)),
                ("GET", SiteURL.communityPlanProposalNew(slug).path, [:], Self.readers(.ok)),
                ("GET", SiteURL.communityPlanFirm(slug).path, [:], Self.readers(.ok, expert: .notFound)),
                ("POST", SiteURL.communityPlanStart(slug).path, [:], Self.readers(no, facilitator: .unprocessableEntity)),
                ("POST", SiteURL.communityPlanComments(slug).path, ["version": "1", "section": "detect", "body": "Good."], Self.readers(out)),
                ("POST", SiteURL.communityPlanProposals(slug).path, ["kind": "edit", "measure": "detect-blocklist", "base_version": "2",
                    "title": "The blocklist on every router", "text": "Each firm loads it.", "reason": "Cheap."], Self.readers(out)),
                ("POST", SiteURL.communityPlanSign(slug).path, ["version": "2"], Self.readers(out, staff: no, expert: no)),
                ("POST", SiteURL.communityPlanFirmMeasure(slug, "detect-blocklist").path, ["status": "adopted"],
                    Self.readers(out, staff: no, expert: no)),
                ("POST", SiteURL.communityPlanFirmAction(slug, "detect-blocklist").path, [:], Self.readers(out, staff: no, expert: no)),
                ("POST", SiteURL.communityPlanDraftMeasures(slug).path, ["section": "people", "title": "Tell us", "text": "Same day."],
                    Self.readers(no, facilitator: out)),
                ("POST", SiteURL.communityPlanDraftMeasure(slug, "detect-alerts-read").path, ["title": "Alerts read daily", "text": "Daily."],
                    Self.readers(no, facilitator: out)),
                ("POST", SiteURL.communityPlanDraftMeasureRemove(slug, "recover-lessons").path, [:], Self.readers(no, facilitator: out)),
                ("POST", SiteURL.communityPlanProposalDecision(slug, proposal).path, ["decision": "decline", "reason": "Keep it."],
                    Self.readers(no, facilitator: out)),
                ("POST", SiteURL.communityPlanSchedule(slug).path, ["review_every_months": "4"], Self.readers(no, facilitator: out)),
                ("POST", SiteURL.communityPlanReview(slug).path, ["summary": "Reviewed."], Self.readers(no, facilitator: out)),
                ("POST", SiteURL.communityPlanPublish(slug).path, ["summary": "Version 3."], Self.readers(no, facilitator: out)),
            ]
            try await check(rows, in: w, secret: "Two-step sign-in")
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let (w, proposal) = try await makeWorld(world.app)
            let base = "/communities/\(w.slug)/plan", no: HTTPStatus = .forbidden
            func readers(_ ok: HTTPStatus, facilitator: HTTPStatus? = nil, staff: HTTPStatus? = nil, expert: HTTPStatus? = nil) -> [Role: HTTPStatus] {
                Self.readers(ok, facilitator: facilitator, staff: staff, expert: expert, unaccepted: .notFound, signedOut: .unauthorized)
            }
            typealias Row = (HTTPMethod, String, String?, [Role: HTTPStatus])
            let rows: [Row] = [
                (.GET, base, nil, readers(.ok)),
                (.GET, base + "/versions/1", nil, readers(.ok)),
                (.GET, base + "/versions/3", nil, readers(.ok)),
                (.GET, base + "/diff?from=1&to=2", nil, readers(.ok)),
                // The smallest Int: `to - 1` once trapped and stopped the server (found by schemathesis).
                (.GET, base + "/diff?to=-9223372036854775808", nil, readers(.notFound)),
                (.GET, base + "/reviews", nil, readers(.ok)),
                (.GET, base + "/proposals", nil, readers(.ok)),
                (.GET, base + "/comments", nil, readers(.ok)),
                (.GET, base + "/comments?version=1", nil, readers(.ok)),
                (.GET, base + "/comments?version=first", nil, readers(.badRequest)),
                (.GET, base + "/signatures", nil, readers(.ok)),
                (.GET, base + "/firm", nil, readers(.ok, expert: .notFound)),
                (.POST, base, nil, readers(no, facilitator: .unprocessableEntity)),
                (.POST, base + "/comments", #"{"version":1,"section":"detect","body":"Good."}"#, readers(.created)),
                (.POST, base + "/proposals", #"{"kind":"remove","measure":"detect-blocklist","base_version":2,"reason":"x"}"#, readers(.created)),
                (.POST, base + "/signatures", #"{"version":2}"#, readers(.created, staff: no, expert: no)),
                (.PUT, base + "/firm/detect-blocklist", #"{"status":"adopted"}"#, readers(.noContent, staff: no, expert: no)),
                (.POST, base + "/firm/detect-blocklist/action", nil, readers(.created, staff: no, expert: no)),
                (.POST, base + "/draft/changes", #"{"kind":"remove","measure":"recover-lessons"}"#, readers(no, facilitator: .ok)),
                (.POST, base + "/proposals/\(proposal)/decision", #"{"accept":false,"reason":"Keep it."}"#, readers(no, facilitator: .ok)),
                (.PATCH, base, #"{"review_every_months":4}"#, readers(no, facilitator: .ok)),
                (.POST, base + "/reviews", #"{"summary":"Reviewed."}"#, readers(no, facilitator: .created)),
                (.POST, base + "/publish", #"{"summary":"Version 3."}"#, readers(no, facilitator: .ok)),
            ]
            for (method, path, body, expected) in rows {
                for role in Role.allCases {
                    let response = try await world.app.api(method, path, token: w.tokens[role], json: body)
                    XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role): \(response.body.string)")
                }
            }
        }
    }

    /// Playbooks are community content; adoptions and runs are the firm's own (a firm's person who has not yet
    /// accepted the charter still reaches the firm's run).
    func testPlaybookRoutesByRole() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            _ = try await w.browser(.adminB).post(SiteURL.communityPlaybookAdoption(w.slug, "ransomware").path, ["contact_insurer": "Policy 42"])
            _ = try await w.browser(.staffB).post(SiteURL.communityPlaybookRuns(w.slug, "ransomware").path)
            let run = try await PlaybookRun.query(on: world.app.db).firstOrFail().requireID()
            let slug = w.slug, out: HTTPStatus = .seeOther, no: HTTPStatus = .forbidden, bad: HTTPStatus = .unprocessableEntity
            let firmOnly: (HTTPStatus, HTTPStatus) -> [Role: HTTPStatus] = { first, later in
                [.signedOut: out, .facilitator: .notFound, .adminB: first, .staffB: later, .expert: .notFound, .unaccepted: later,
                 .outsider: .notFound, .operator: .notFound]
            }
            let rows: [PageRow] = [
                ("GET", SiteURL.communityPlaybooks(slug).path, [:], Self.readers(.ok)),
                ("GET", SiteURL.communityPlaybook(slug, "ransomware").path, [:], Self.readers(.ok)),
                ("GET", SiteURL.communityPlaybook(slug, "no-such").path, [:], Self.readers(.notFound)),
                ("GET", SiteURL.communityPlaybookNew(slug).path, [:], Self.readers(no, facilitator: .ok)),
                ("GET", SiteURL.communityPlaybookEdit(slug, "phishing-click").path, [:], Self.readers(no, facilitator: .ok)),
                ("POST", SiteURL.communityPlaybookNew(slug).path, ["title": "Till down", "steps": "## Now\n- Take cash"], Self.readers(no, facilitator: out)),
                ("POST", SiteURL.communityPlaybookEdit(slug, "phishing-click").path, ["title": "Clicked", "steps": "## Now\n- Unplug"],
                    Self.readers(no, facilitator: out)),
                ("POST", SiteURL.communityPlaybookAdoption(slug, "phishing-click").path, [:], Self.readers(out, staff: no, expert: no)),
                ("POST", SiteURL.communityPlaybookRuns(slug, "ransomware").path, [:], Self.readers(out, facilitator: bad, expert: no)),
                ("GET", SiteURL.playbookRun(run).path, [:], firmOnly(.ok, .ok)),
                ("POST", SiteURL.playbookRunStep(run, "disconnect").path, [:], firmOnly(out, bad)),
                ("POST", SiteURL.playbookRunClose(run).path, ["summary": "Over."], firmOnly(out, bad)),
                ("POST", SiteURL.playbookRunReport(run).path, ["title": "Lesson", "summary": "Backups work."], firmOnly(out, bad)),
            ]
            try await check(rows, in: w, secret: "Policy 42")
            let api: [(HTTPMethod, String, String?, [Role: HTTPStatus])] = [
                (.GET, "/communities/\(slug)/playbooks", nil, Self.readers(.ok, unaccepted: .notFound, signedOut: .unauthorized)),
                (.GET, "/communities/\(slug)/playbooks/ransomware", nil, Self.readers(.ok, unaccepted: .notFound, signedOut: .unauthorized)),
                (.PUT, "/communities/\(slug)/playbooks/phishing-click", ###"{"title":"Clicked","steps":"## Now\n- Unplug"}"###,
                    Self.readers(no, facilitator: .ok, unaccepted: .notFound, signedOut: .unauthorized)),
                (.PUT, "/communities/\(slug)/playbooks/ransomware/adoption", #"{"contacts":{}}"#,
                    Self.readers(.noContent, staff: no, expert: no, unaccepted: .notFound, signedOut: .unauthorized)),
                (.GET, "/playbook-runs/\(run)", nil, [.signedOut: .unauthorized, .facilitator: .notFound, .adminB: .ok, .staffB: .ok,
                    .expert: .notFound, .unaccepted: .ok, .outsider: .notFound, .operator: .notFound]),
            ]
            for (method, path, body, expected) in api {
                for role in Role.allCases {
                    let response = try await world.app.api(method, path, token: w.tokens[role], json: body)
                    XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role): \(response.body.string)")
                }
            }
        }
    }

    /// A call for help is seen by the firm that raised it and by the helpers of its communities, nobody else.
    func testHelpRoutesByRole() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            _ = try await w.browser(.staffB).post(SiteURL.help.path, ["description": "Our shop e-mail is sending spam", "contact": "Sam 0113"])
            let request = try await HelpRequest.query(on: world.app.db).firstOrFail().requireID()
            let out: HTTPStatus = .seeOther, bad: HTTPStatus = .unprocessableEntity
            let seers: [Role: HTTPStatus] = [.signedOut: out, .facilitator: .ok, .adminB: .ok, .staffB: .ok, .expert: .ok, .unaccepted: .ok,
                                             .outsider: .notFound, .operator: .notFound]
            let rows: [PageRow] = [
                ("GET", SiteURL.help.path, [:], [.signedOut: out, .facilitator: .ok, .adminB: .ok, .staffB: .ok, .expert: .ok, .unaccepted: .ok,
                                                  .outsider: .ok, .operator: .ok]),
                ("POST", SiteURL.help.path, ["description": "Help", "contact": "0113"], [.signedOut: out, .facilitator: out, .adminB: out,
                    .staffB: out, .expert: bad, .unaccepted: out, .outsider: out, .operator: bad]),
                ("GET", SiteURL.helpRequest(request).path, [:], seers),
                ("GET", SiteURL.helpRequest(UUID()).path, [:], seers.mapValues { $0 == .ok ? .notFound : $0 }),
                ("POST", SiteURL.helpRequestActions(request).path, ["action": "note", "body": "On it"], seers.mapValues { $0 == .ok ? out : $0 }),
                ("POST", SiteURL.helpRequestActions(request).path, ["action": "take"], [.signedOut: out, .facilitator: out, .adminB: .forbidden,
                    .staffB: .forbidden, .expert: bad, .unaccepted: .forbidden, .outsider: .notFound, .operator: .notFound]),
            ]
            try await check(rows, in: w, secret: "sending spam")
            for role in Role.allCases {
                let response = try await world.app.api(.GET, "/help-requests/\(request)", token: w.tokens[role])
                let expected: HTTPStatus = role == .signedOut ? .unauthorized : (seers[role] == .ok ? .ok : .notFound)
                XCTAssertEqual(response.status, expected, "API request as \(role)")
            }
        }
    }
}
