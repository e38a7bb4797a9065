import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

extension Seed {
    static let plainProfile = ["website": "none", "card-payments": "terminal", "cloud-email": "other", "remote-staff": "no",
                               "it-provider": "no", "devices": "1-5"]

    /// Every applicable question answered with its best option, except those given.
    static func bestAnswers(_ bank: QuestionBank, profile: [String: String] = plainProfile, except: [String: String] = [:]) -> [(String, String)] {
        var pairs = profile.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for q in bank.questions where bank.applies(q, profile: profile) {
            pairs.append((q.id, except[q.id] ?? q.options.max { $0.points < $1.points }?.id ?? ""))
        }
        return pairs
    }

    /// A submitted assessment of `admin`'s firm, `daysAgo` days before now.
    @discardableResult
    static func submittedAssessment(_ app: Application, admin: Person, except: [String: String] = [:], daysAgo: Double = 0) async throws -> Assessment {
        let bank = try AssessmentContent.bank()
        let signed = try SignedIn(person: admin, organisation: nil, sessionID: nil, stage: .full)
        let org = try XCTUnwrap(admin.$organisation.id)
        let when = app.shieldwall.time.now.addingTimeInterval(-daysAgo * 86400)
        let (assessment, _) = try await AssessmentActions.start(org: org, person: signed, bank: bank, on: app.db, now: when)
        try await AssessmentActions.save(bestAnswers(bank, except: except).map { (question: $0.0, option: $0.1) }, to: assessment, person: signed,
                                         bank: bank, on: app.db, now: when)
        _ = try await AssessmentActions.submit(assessment, person: signed, bank: bank, on: app.db, now: when)
        let stored = try await Assessment.find(assessment.requireID(), on: app.db)
        return try XCTUnwrap(stored)
    }
}

final class AssessmentFlowTests: XCTestCase {
    func testAnAdminTakesTheAssessmentPageByPageAndGetsTheNextSteps() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn(admin.email)
            let overview = try await browser.get(SiteURL.assessment.path)
            XCTAssertTrue(overview.body.string.contains("Start the self-assessment"))
            let started = try await browser.post(SiteURL.assessmentStart.path)
            XCTAssertEqual(started.status, .seeOther)
            let profilePath = try XCTUnwrap(started.location)
            let profilePage = try await browser.get(profilePath)
            XCTAssertTrue(profilePage.body.string.contains("Does your business have a website?"))
            XCTAssertTrue(profilePage.body.string.contains("<progress"))
            let bank = try AssessmentContent.bank()
            var next = try await browser.post(profilePath, Seed.plainProfile.merging(["intent": "next"]) { a, _ in a })
            // One area a page, in the bank's order; "not sure" on MFA, "no" on backups tested.
            for area in bank.areas {
                let path = try XCTUnwrap(next.location)
                XCTAssertTrue(path.hasSuffix("/steps/\(area.id)"), path)
                let page = try await browser.get(path)
                XCTAssertTrue(page.body.string.contains(area.title.replacingOccurrences(of: "'", with: "&#39;")) || page.body.string.contains(area.title))
                var form = ["intent": "next"]
                for q in bank.applicable(in: area, profile: Seed.plainProfile) {
                    form[q.id] = q.options.max { $0.points < $1.points }?.id
                }
                if area.id == "user-access" { form["ua-mfa-email"] = "not-sure" }
                if area.id == "backups" { form["bk-tested"] = "no" }
                next = try await browser.post(path, form)
                XCTAssertEqual(next.status, .seeOther)
            }
            let resultsPath = try XCTUnwrap(next.location)
            let results = try await browser.get(resultsPath)
            let html = results.body.string
            XCTAssertTrue(html.contains("Your next two steps"), "two answers fall short, so two steps")
            XCTAssertTrue(html.contains("Turn on 2-step verification for everyone&#39;s e-mail") || html.contains("Turn on 2-step verification for everyone's e-mail"))
            XCTAssertTrue(html.contains("Test that you can restore"))
            XCTAssertTrue(html.contains("Not ready for Cyber Essentials yet"))
            XCTAssertTrue(html.contains("Submit the assessment"))
            let id = try XCTUnwrap(UUID(uuidString: String(resultsPath.split(separator: "/").last ?? "")))
            let submitted = try await browser.post(SiteURL.assessmentSubmit(id).path)
            XCTAssertEqual(submitted.status, .seeOther)
            let again = try await browser.post(SiteURL.assessmentSubmit(id).path)
            XCTAssertEqual(again.status, .conflict, "submitting twice is refused")
            let stored = try await Assessment.find(id, on: app.db)
            XCTAssertEqual(stored?.isSubmitted, true)
            XCTAssertEqual(stored?.areaScores["backups"], 67)
            XCTAssertEqual(stored?.areaScores["user-access"], 83)
            let logged = try await AuditEvent.query(on: app.db).filter(\.$kind == AuditKind.assessmentSubmitted).count()
            XCTAssertEqual(logged, 1, "the submission is in the firm's security log, once")
            let csv = try await browser.get(SiteURL.assessmentCSV(id).path)
            XCTAssertEqual(csv.headers.first(name: .contentDisposition)?.hasPrefix("attachment"), true)
            XCTAssertTrue(csv.body.string.contains("user-access,ua-mfa-email,"))
            XCTAssertTrue(csv.body.string.contains(",not-sure,Not sure,0,2,no"))
        }
    }

    func testBadAnswersAreNamedAndNothingIsSaved() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let staff = try await Seed.person(app, email: "staff@bakery.example", organisation: firm, role: .staff)
            let token = try await Seed.token(app, for: staff)
            let start = try await app.api(.POST, "/assessments", token: token)
            XCTAssertEqual(start.status, .created)
            let id = try XCTUnwrap(start.json["id"] as? String)
            expectEqual(try await app.api(.POST, "/assessments", token: token).status, .ok, "the same draft again")
            // The web shop question does not apply to a firm without a website.
            let bad = try await app.api(.PUT, "/assessments/\(id)/answers", token: token, json: """
                {"answers":[{"question":"website","option":"none"},{"question":"ua-mfa-email","option":"yes"},
                            {"question":"fw-shop-admin","option":"yes"},{"question":"up-automatic","option":"maybe"},{"question":"zz","option":"yes"}]}
                """)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            let fields = (bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            XCTAssertEqual(Set(fields), ["fw-shop-admin", "up-automatic", "zz"])
            XCTAssertTrue(bad.body.string.contains("does not apply"))
            let count = try await AssessmentAnswer.query(on: app.db).count()
            XCTAssertEqual(count, 0, "nothing half-written")
            let empty = try await app.api(.PUT, "/assessments/\(id)/answers", token: token, json: #"{"answers":[]}"#)
            XCTAssertEqual(empty.status, .unprocessableEntity)
            let malformed = try await app.api(.PUT, "/assessments/\(id)/answers", token: token, json: #"{"answers":"yes"}"#)
            XCTAssertEqual(malformed.status, .badRequest)
            let fine = try await app.api(.PUT, "/assessments/\(id)/answers", token: token, json: """
                {"answers":[{"question":"website","option":"none"},{"question":"ua-mfa-email","option":"not-sure"}]}
                """)
            XCTAssertEqual(fine.status, .ok)
            XCTAssertEqual((fine.json["answers"] as? [[String: String]])?.first?["option"], "not-sure")
            // Staff answer but cannot submit; the admin cannot submit while questions are open.
            expectEqual(try await app.api(.POST, "/assessments/\(id)/submit", token: token).status, .forbidden)
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let adminToken = try await Seed.token(app, for: admin)
            let early = try await app.api(.POST, "/assessments/\(id)/submit", token: adminToken)
            XCTAssertEqual(early.status, .unprocessableEntity)
            XCTAssertTrue(early.body.string.contains("Not answered yet"))
            let draft = try await Assessment.query(on: app.db).first()
            XCTAssertEqual(draft?.isSubmitted, false)
        }
    }

    func testActionsAreAssignedInTheFirmAndDatesAreChecked() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let other = try await Seed.organisation(app, name: "Other Firm")
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let staff = try await Seed.person(app, email: "staff@bakery.example", organisation: firm, role: .staff)
            let outsider = try await Seed.person(app, email: "someone@other.example", organisation: other, role: .admin)
            let adminToken = try await Seed.token(app, for: admin), staffToken = try await Seed.token(app, for: staff)
            let created = try await app.api(.POST, "/actions", token: adminToken, json: #"{"recommendation":"turn-on-mfa-email"}"#)
            XCTAssertEqual(created.status, .created)
            let id = try XCTUnwrap(created.json["id"] as? String)
            let again = try await app.api(.POST, "/actions", token: adminToken, json: #"{"recommendation":"turn-on-mfa-email"}"#)
            XCTAssertEqual(again.status, .ok)
            XCTAssertEqual(again.json["id"] as? String, id)
            expectEqual(try await app.api(.POST, "/actions", token: adminToken, json: #"{"recommendation":"buy-a-castle"}"#).status, .unprocessableEntity)
            expectEqual(try await app.api(.POST, "/actions", token: staffToken, json: #"{"recommendation":"test-restore"}"#).status, .forbidden)

            let past = try await app.api(.PATCH, "/actions/\(id)", token: adminToken, json: #"{"due_on":"2020-01-01","status":"doing"}"#)
            XCTAssertEqual(past.status, .unprocessableEntity)
            XCTAssertTrue(past.body.string.contains("in the past"))
            let foreign = try await app.api(.PATCH, "/actions/\(id)", token: adminToken, json: "{\"owner\":\"\(try outsider.requireID())\"}")
            XCTAssertEqual(foreign.status, .unprocessableEntity)
            XCTAssertTrue(foreign.body.string.contains("your own firm"))
            expectEqual(try await app.api(.PATCH, "/actions/\(id)", token: adminToken, json: #"{"due_on":"31/12/2099"}"#).status, .unprocessableEntity)
            expectEqual(try await app.api(.PATCH, "/actions/\(id)", token: adminToken, json: #"{"status":"not-applicable"}"#).status, .unprocessableEntity)
            let unchanged = try await PlanAction.find(UUID(uuidString: id), on: app.db)
            XCTAssertEqual(unchanged?.status, .todo, "nothing half-written")
            XCTAssertNil(unchanged?.dueOn)

            // Not the owner yet: staff cannot touch it.
            expectEqual(try await app.api(.PATCH, "/actions/\(id)", token: staffToken, json: #"{"status":"done"}"#).status, .forbidden)
            let assigned = try await app.api(.PATCH, "/actions/\(id)", token: adminToken,
                                             json: "{\"owner\":\"\(try staff.requireID())\",\"due_on\":\"2099-12-31\"}")
            XCTAssertEqual(assigned.status, .ok)
            XCTAssertEqual(assigned.json["due_on"] as? String, "2099-12-31")
            // The owner moves it on but cannot reassign it.
            expectEqual(try await app.api(.PATCH, "/actions/\(id)", token: staffToken, json: "{\"owner\":\"\(try admin.requireID())\"}").status,
                           .unprocessableEntity)
            let done = try await app.api(.PATCH, "/actions/\(id)", token: staffToken, json: #"{"status":"done","notes":"Done for all five mailboxes."}"#)
            XCTAssertEqual(done.status, .ok)
            XCTAssertNotNil(done.json["done_at"] as? String)
            // Another firm's admin does not even see it.
            let outsiderToken = try await Seed.token(app, for: outsider)
            expectEqual(try await app.api(.PATCH, "/actions/\(id)", token: outsiderToken, json: #"{"status":"todo"}"#).status, .notFound)
            let list = try await app.api(.GET, "/actions", token: outsiderToken)
            XCTAssertEqual(list.body.string, "[]")
        }
    }

    func testOverdueActionsShowOnTheHomePage() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let action = PlanAction(organisationID: try firm.requireID(), recommendationID: "test-restore", title: "Test that you can restore",
                                    createdBy: admin.id, at: app.shieldwall.time.now)
            action.dueOn = "2001-01-01"
            try await action.create(on: app.db)
            let browser = TestBrowser(app)
            try await browser.signIn(admin.email)
            let home = try await browser.get("/")
            XCTAssertTrue(home.body.string.contains("id=\"overdue-actions\""))
            XCTAssertTrue(home.body.string.contains("Test that you can restore"))
            let plan = try await browser.get(SiteURL.actions.path)
            XCTAssertTrue(plan.body.string.contains("overdue"))
            let csv = try await browser.get(SiteURL.actionsCSV.path)
            XCTAssertTrue(csv.body.string.hasPrefix("title,recommendation_id,owner,due_on,status"))
            XCTAssertTrue(csv.body.string.contains("Test that you can restore,test-restore,,2001-01-01,todo"))
        }
    }

    func testASecondAssessmentShowsProgressAndWhatChanged() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            try await Seed.submittedAssessment(app, admin: admin, except: ["ua-mfa-email": "no", "bk-tested": "no"], daysAgo: 120)
            let second = try await Seed.submittedAssessment(app, admin: admin, except: ["bk-tested": "no"])
            let browser = TestBrowser(app)
            try await browser.signIn(admin.email)
            let results = try await browser.get(SiteURL.assessmentResults(try second.requireID()).path)
            let html = results.body.string
            XCTAssertTrue(html.contains("What changed since last time"))
            XCTAssertTrue(html.contains("Accounts and passwords: 83 → 100"))
            XCTAssertTrue(html.contains("id=\"progress-chart\""))
            let overview = try await browser.get(SiteURL.assessment.path)
            XCTAssertEqual(overview.body.string.components(separatedBy: "<circle").count - 1 >= 2, true, "two points at least on the chart")
            XCTAssertTrue(overview.body.string.contains("Start a new assessment"))
        }
    }

    /// "Back up automatically" is a job for a provider: the step links to the backup providers peers rated.
    func testAStepAProviderDoesLinksToTheDirectory() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let assessment = try await Seed.submittedAssessment(app, admin: admin, except: ["bk-exists": "no"])
            let browser = TestBrowser(app)
            try await browser.signIn(admin.email)
            let html = try await browser.get(SiteURL.assessmentResults(try assessment.requireID()).path).body.string
            XCTAssertTrue(html.contains("href=\"/providers?service=backup\""), "the backup step links to backup providers")
            XCTAssertTrue(html.contains("Backup providers rated by firms like yours"))
        }
    }

    func testTheBenchmarkHidesItselfBelowKFirms() async throws {
        try await withApp { world in
            let app = world.app
            let facilitator = try await Seed.person(app, email: "lead@leeds.example", organisation: nil)
            let firms = [try await Seed.organisation(app, name: "A"), try await Seed.organisation(app, name: "B"), try await Seed.organisation(app, name: "C")]
            var admins: [Person] = []
            for (i, firm) in firms.enumerated() { admins.append(try await Seed.person(app, email: "admin\(i)@firm.example", organisation: firm, role: .admin)) }
            let community = try await Seed.community(app, facilitator: facilitator, firms: firms)
            for admin in admins { try await Seed.acceptCharter(app, community, by: admin) }
            let operatorPerson = try await Seed.person(app, email: "op@instance.example", isOperator: true)
            let token = try await Seed.token(app, for: admins[0]), operatorToken = try await Seed.token(app, for: operatorPerson)
            try await Seed.submittedAssessment(app, admin: admins[0], except: ["ua-mfa-email": "no"])
            try await Seed.submittedAssessment(app, admin: admins[1], except: ["bk-tested": "no"])
            // An assessment older than twelve months does not count.
            try await Seed.submittedAssessment(app, admin: admins[2], daysAgo: 400)
            let hidden = try await app.api(.GET, "/communities/\(community.slug)/benchmark", token: token)
            XCTAssertEqual(hidden.status, .ok)
            XCTAssertEqual(hidden.json["shown"] as? Bool, false)
            XCTAssertEqual((hidden.json["figures"] as? [Any])?.count, 0)
            let browser = TestBrowser(app)
            try await browser.signIn(admins[0].email)
            let page = try await browser.get(SiteURL.communityBenchmark(community.slug).path)
            XCTAssertTrue(page.body.string.contains("benchmark-hidden"))
            XCTAssertFalse(page.body.string.contains("Median"))

            try await Seed.submittedAssessment(app, admin: admins[2], except: ["dp-paper": "no"])
            let shown = try await app.api(.GET, "/communities/\(community.slug)/benchmark", token: token)
            XCTAssertEqual(shown.json["shown"] as? Bool, true)
            let figures = shown.json["figures"] as? [[String: Any]] ?? []
            let ua = try XCTUnwrap(figures.first { $0["area"] as? String == "user-access" })
            XCTAssertEqual(ua["firms"] as? Int, 3)
            XCTAssertEqual(ua["median"] as? Int, 100)
            XCTAssertEqual(ua["own"] as? Int, 83)
            // The operator sees the same community figures, never a firm's own place.
            let op = try await app.api(.GET, "/communities/\(community.slug)/benchmark", token: operatorToken)
            XCTAssertEqual(op.json["shown"] as? Bool, true)
            XCTAssertTrue(((op.json["figures"] as? [[String: Any]]) ?? []).allSatisfy { $0["own"] == nil || $0["own"] is NSNull })
            // A k above the number of firms hides it again; a k below 3 is refused.
            var settings = try await InstanceSettings.load(on: app.db)
            settings.benchmarkMinimumFirms = 4
            try await settings.save(on: app.db)
            let raised = try await app.api(.GET, "/communities/\(community.slug)/benchmark", token: token)
            XCTAssertEqual(raised.json["shown"] as? Bool, false)
            let opBrowser = TestBrowser(app)
            try await opBrowser.signIn(operatorPerson.email)
            _ = try await opBrowser.get(SiteURL.operatorSettings.path)
            let refused = try await opBrowser.post(SiteURL.operatorSettings.path, ["session_idle_minutes": "30", "session_absolute_hours": "12",
                                                                                 "benchmark_minimum_firms": "2"])
            XCTAssertEqual(refused.status, .unprocessableEntity)
        }
    }

    func testStaffSeeTheirOwnCheckInAnswersAndTheAdminOnlyCompletion() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "owner@bakery.example", name: "Olive Owner", organisation: firm, role: .admin)
            let staff = try await Seed.person(app, email: "sam@bakery.example", name: "Sam Staff", organisation: firm, role: .staff)
            _ = try await Seed.person(app, email: "kim@bakery.example", name: "Kim Colleague", organisation: firm, role: .staff)
            let sam = TestBrowser(app)
            try await sam.signIn(staff.email)
            _ = try await sam.get(SiteURL.coachCheckIn("phishing").path)
            let missing = try await sam.post(SiteURL.coachCheckIn("phishing").path, ["ph-invoice": "pay"])
            XCTAssertEqual(missing.status, .unprocessableEntity)
            let answered = try await sam.post(SiteURL.coachCheckIn("phishing").path, ["ph-invoice": "pay", "ph-link": "urgency", "ph-clicked": "tell"])
            XCTAssertEqual(answered.status, .ok)
            XCTAssertTrue(answered.body.string.contains("2 of 3 right"))
            XCTAssertTrue(answered.body.string.contains("most common fraud against small firms"))
            let list = try await sam.get(SiteURL.coach.path)
            XCTAssertTrue(list.body.string.contains("2 / 3"))
            expectEqual(try await sam.get(SiteURL.coachTeam.path).status, .notFound)

            let owner = TestBrowser(app)
            try await owner.signIn(admin.email)
            let team = try await owner.get(SiteURL.coachTeam.path)
            XCTAssertEqual(team.status, .ok)
            XCTAssertTrue(team.body.string.contains("Sam Staff"))
            XCTAssertTrue(team.body.string.contains("1 / 4"))
            XCTAssertTrue(team.body.string.contains("phishing"))
            XCTAssertFalse(team.body.string.contains("most common fraud"), "no answers or feedback on the admin's page")
            let kim = TestBrowser(app)
            try await kim.signIn("kim@bakery.example")
            let kimsList = try await kim.get(SiteURL.coach.path)
            XCTAssertFalse(kimsList.body.string.contains("2 / 3"), "a colleague's results are not shown")
        }
    }

    func testTwoPeopleStartingAtOnceShareOneDraft() async throws {
        try await withApp { world in
            let app = world.app, bank = try AssessmentContent.bank()
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "ann@bakery.example", organisation: firm, role: .admin)
            let staff = try await Seed.person(app, email: "sam@bakery.example", organisation: firm, role: .staff)
            let org = try firm.requireID()
            async let first = AssessmentActions.start(org: org, person: try SignedIn(person: admin, organisation: firm, sessionID: nil, stage: .full),
                                                      bank: bank, on: app.db, now: world.time.now)
            async let second = AssessmentActions.start(org: org, person: try SignedIn(person: staff, organisation: firm, sessionID: nil, stage: .full),
                                                       bank: bank, on: app.db, now: world.time.now)
            let (a, b) = try await (first, second)
            XCTAssertEqual(a.assessment.id, b.assessment.id, "both fill in the same draft")
            XCTAssertEqual([a.created, b.created].filter { $0 }.count, 1)
            expectEqual(try await Assessment.query(on: app.db).filter(\.$organisation.$id == org).count(), 1)
            // The database itself refuses a second draft for the firm; another firm still gets its own.
            do {
                try await Assessment(organisationID: org, bankVersion: bank.version, startedBy: nil, createdAt: world.time.now).create(on: app.db)
                XCTFail("a second draft was stored")
            } catch {}
            let other = try await Seed.organisation(app, name: "Quayside Books")
            try await Assessment(organisationID: try other.requireID(), bankVersion: bank.version, startedBy: nil, createdAt: world.time.now).create(on: app.db)
        }
    }

    func testDraftsDoubledBeforeTheUpgradeAreMergedWithoutLosingAnAnswer() async throws {
        try await withApp { world in
            let app = world.app, now = world.time.now
            let firm = try await Seed.organisation(app)
            let org = try firm.requireID()
            try await OneDraftPerFirm().revert(on: app.db)  // as before migration 007
            let older = Assessment(organisationID: org, bankVersion: "1", startedBy: nil, createdAt: now.addingTimeInterval(-60))
            let newer = Assessment(organisationID: org, bankVersion: "1", startedBy: nil, createdAt: now)
            try await older.create(on: app.db)
            try await newer.create(on: app.db)
            for (assessment, question, option) in [(older, "backups-offsite", "weekly"), (newer, "backups-offsite", "never"), (newer, "mfa-email", "all")] {
                try await AssessmentAnswer(assessmentID: try assessment.requireID(), questionID: question, optionID: option, answeredBy: nil, at: now)
                    .create(on: app.db)
            }
            try await OneDraftPerFirm().prepare(on: app.db)
            let drafts = try await Assessment.query(on: app.db).filter(\.$organisation.$id == org).all()
            XCTAssertEqual(drafts.map(\.id), [older.id], "the oldest draft stays")
            let answers = try await AssessmentAnswer.query(on: app.db).filter(\.$assessment.$id == (try older.requireID())).all()
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: answers.map { ($0.questionID, $0.optionID) }),
                           ["backups-offsite": "weekly", "mfa-email": "all"], "the older answer wins; the newer draft's other answers move over")
        }
    }
}
