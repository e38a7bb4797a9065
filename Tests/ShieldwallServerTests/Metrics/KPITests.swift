import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A firm's KPIs: entered values checked and charted against the community's agreed targets; computed ones from the
/// firm's real training, actions and advisories; a community's set proposed, voted and agreed into its plan; and its
/// figures shown only from k firms.
final class KPITests: XCTestCase {
    struct World {
        let app: Application
        let community: Community
        let firms: [Organisation]
        let admins: [Person]
        let facilitator: TestBrowser
        let adminA: TestBrowser
    }

    func world(_ app: Application, firms count: Int = 3) async throws -> World {
        var firms: [Organisation] = [], admins: [Person] = []
        for i in 0..<count {
            let org = try await Seed.organisation(app, name: "Firm \(i)")
            firms.append(org)
            admins.append(try await Seed.person(app, email: "admin\(i)@firm.example", name: "Admin \(i)", organisation: org, role: .admin))
        }
        let fac = try await Seed.person(app, email: "fac@example.org", name: "Fran Facilitator")
        let community = try await Seed.community(app, facilitator: fac, firms: firms)
        for admin in admins { try await Seed.acceptCharter(app, community, by: admin) }
        return World(app: app, community: community, firms: firms, admins: admins, facilitator: try await TestBrowser.signedIn(app, "fac@example.org"),
                     adminA: try await TestBrowser.signedIn(app, "admin0@firm.example"))
    }

    func month(_ app: Application, _ back: Int = 0) -> String {
        KPIMonth.months(endingWith: KPIMonth.of(app.shieldwall.time.now), count: back + 1).first ?? ""
    }

    func testAFirmEntersAMonthlyValueAndSeesItAgainstTheAgreedTarget() async throws {
        try await withApp { app in
            let w = try await world(app.app), a = try w.firms[0].requireID()
            let proposed = try await w.facilitator.post(SiteURL.communityKPIs(w.community.slug).path,
                                                        pairs: [("kpi-mfa", "true"), ("target-mfa", "100"), ("kpi-training-done", "true"), ("target-training-done", "80"),
                                                                ("note", "Start with these two.")])
            XCTAssertEqual(proposed.status, .seeOther, proposed.body.string)
            let set = try await KPISet.query(on: app.app.db).first()
            let setID = try XCTUnwrap(set).requireID()
            let voted = try await w.adminA.post(SiteURL.communityKPISet(w.community.slug, setID).path, pairs: [("vote", "agree"), ("comment", "Fine by us.")])
            XCTAssertEqual(voted.status, .seeOther, voted.body.string)
            let page = try await w.facilitator.get(SiteURL.communityKPIs(w.community.slug).path)
            XCTAssertTrue(page.body.string.contains("1 agree, 0 disagree."), page.body.string)
            XCTAssertTrue(page.body.string.contains("Fine by us."))
            _ = try await w.facilitator.post(SiteURL.communityKPISetDecision(w.community.slug, setID).path, pairs: [("decision", "agree")])
            let plan = try await w.adminA.get(SiteURL.communityPlan(w.community.slug).path)
            XCTAssertTrue(plan.body.string.contains("Accounts with a second step at sign-in: target 100%"), plan.body.string)

            let saved = try await w.adminA.post(SiteURL.organisationKPIs(a).path, pairs: [("month", month(app.app)), ("value-mfa", "75"), ("value-backup-restore", "yes")])
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let firm = try await w.adminA.get(SiteURL.organisationKPIs(a).path)
            let text = firm.body.string
            XCTAssertTrue(text.contains("Below target last time: Accounts with a second step at sign-in."), text)
            XCTAssertTrue(text.contains("class=\"target-line\""), "the chart draws the target")
            XCTAssertTrue(text.contains("Target: 100% (agreed in Leeds Shops)."), text)
            XCTAssertTrue(text.contains(">75%<"), "the value in the data table")
            let csv = try await w.adminA.get(SiteURL.organisationKPIsCSV(a).path)
            XCTAssertTrue(csv.body.string.contains("\(month(app.app)),mfa,75,100"), csv.body.string)
        }
    }

    func testBadValuesAreRefusedByNameAndNothingIsSaved() async throws {
        try await withApp { app in
            let w = try await world(app.app), a = try w.firms[0].requireID()
            let next = KPIMonth.of(app.app.shieldwall.time.now.addingTimeInterval(40 * 86_400))
            let bad = try await w.adminA.post(SiteURL.organisationKPIs(a).path, pairs: [("month", next), ("value-mfa", "120"), ("value-backup-restore", "maybe"),
                                                                                       ("value-training-done", "50"), ("value-devices-updated", "90")])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            let text = bad.body.string
            XCTAssertTrue(text.contains("That month has not come yet."), text)
            XCTAssertTrue(text.contains("Accounts with a second step at sign-in must be between 0 and 100."), text)
            XCTAssertTrue(text.contains("Answer A backup restored in the last 90 days with yes or no."), text)
            XCTAssertTrue(text.contains("is computed by Shieldwall and cannot be entered"), text)
            try await expectEqual(try await KPIValue.query(on: app.app.db).count(), 0, "the good value is not saved either")
            let staffFirm = try await Seed.person(app.app, email: "staff0@firm.example", organisation: w.firms[0], role: .staff)
            let staff = try await TestBrowser.signedIn(app.app, staffFirm.email)
            let byStaff = try await staff.post(SiteURL.organisationKPIs(a).path, pairs: [("month", month(app.app)), ("value-mfa", "80")])
            XCTAssertEqual(byStaff.status, .forbidden)
            let token = try await Seed.token(app.app, for: w.admins[0])
            let api = try await app.app.api(.POST, "/organisations/\(a)/kpis", token: token, json: #"{"month":"2020-01","values":{"mfa":"80"}}"#)
            XCTAssertEqual(api.status, .unprocessableEntity, api.body.string)
            let ok = try await app.app.api(.POST, "/organisations/\(a)/kpis", token: token, json: #"{"month":"\#(month(app.app, 1))","values":{"mfa":"80"}}"#)
            XCTAssertEqual(ok.status, .created, ok.body.string)
        }
    }

    func testComputedKPIsComeFromTheFirmsOwnTrainingActionsAndAdvisories() async throws {
        try await withApp { app in
            let w = try await world(app.app), a = try w.firms[0].requireID()
            let staff = try await Seed.person(app.app, email: "staff0@firm.example", name: "Sam", organisation: w.firms[0], role: .staff)
            let due = CalendarDay.string(app.app.shieldwall.time.now.addingTimeInterval(5 * 86_400))
            _ = try await w.adminA.post(SiteURL.organisationTraining(a).path, pairs: [("course", "module:backups"), ("person", "everyone"), ("dueOn", due)])
            let quiz = try XCTUnwrap(TrainingContent.library().module("backups", language: "en")?.quiz)
            let sam = try await TestBrowser.signedIn(app.app, staff.email)
            _ = try await sam.post(SiteURL.trainingQuiz("backups").path, pairs: quiz.questions.map { q in (q.id, q.options.first { $0.correct }?.id ?? "") })

            // An advisory in the community goes into the firm's action list, done three days later.
            let reporterToken = try await Seed.token(app.app, for: w.admins[1])
            let advisory = try await app.app.api(.POST, "/communities/\(w.community.slug)/reports", token: reporterToken, json: """
                {"kind": "advisory", "title": "Patch the VPN appliance", "summary": "Exploited since Monday.", "tlp": "green"}
                """)
            XCTAssertEqual(advisory.status, .created, advisory.body.string)
            let reportID = try XCTUnwrap(UUID(uuidString: advisory.json["id"] as? String ?? ""))
            let page = try await w.adminA.get(SiteURL.report(reportID).path)
            XCTAssertTrue(page.body.string.contains(">Add to our action list<"), page.body.string)
            let added = try await w.adminA.post(SiteURL.reportAction(reportID).path, pairs: [])
            XCTAssertEqual(added.status, .seeOther, added.body.string)
            let again = try await w.adminA.get(SiteURL.report(reportID).path)
            XCTAssertTrue(again.body.string.contains("In your firm&apos;s action list.") || again.body.string.contains("In your firm's action list."))
            let stored = try await PlanAction.query(on: app.app.db).filter(\.$recommendationID == AdvisoryActions.key(reportID)).first()
            let action = try XCTUnwrap(stored)
            XCTAssertEqual(action.title, "Act on the advisory: Patch the VPN appliance")
            app.time.advance(by: 3 * 86_400)
            let admin = try await TestBrowser.signedIn(app.app, "admin0@firm.example")
            let done = try await admin.post(SiteURL.action(try action.requireID()).path, pairs: [("status", "done")])
            XCTAssertEqual(done.status, .seeOther, done.body.string)

            let token = try await Seed.token(app.app, for: w.admins[0])
            let kpis = try await app.app.api(.GET, "/organisations/\(a)/kpis", token: token)
            let list = try XCTUnwrap(kpis.json["kpis"] as? [[String: Any]], kpis.body.string)
            func latest(_ id: String) -> Double? { ((list.first { $0["id"] as? String == id })?["values"] as? [[String: Any]])?.last?["value"] as? Double }
            XCTAssertEqual(latest("training-done"), 50, "Sam done, the admin not yet: \(kpis.body.string)")
            XCTAssertEqual(latest("advisory-days"), 3)
        }
    }

    func testCommunityFiguresAppearOnlyFromKFirms() async throws {
        try await withApp { app in
            let w = try await world(app.app, firms: 3)
            for (i, firm) in w.firms.prefix(2).enumerated() {
                let browser = try await TestBrowser.signedIn(app.app, "admin\(i)@firm.example")
                _ = try await browser.post(SiteURL.organisationKPIs(try firm.requireID()).path, pairs: [("month", month(app.app)), ("value-mfa", String(60 + i * 20))])
            }
            let token = try await Seed.token(app.app, for: w.admins[2])
            let two = try await app.app.api(.GET, "/communities/\(w.community.slug)/kpis", token: token)
            let mfaTwo = ((two.json["kpis"] as? [[String: Any]])?.first { $0["id"] as? String == "mfa" })
            XCTAssertEqual((mfaTwo?["months"] as? [Any])?.count, 0, "two firms (k − 1): hidden \(two.body.string)")
            let hidden = try await w.facilitator.get(SiteURL.communityKPIs(w.community.slug).path)
            XCTAssertFalse(hidden.body.string.contains(">70%<"), "no median from two firms")

            let third = try await TestBrowser.signedIn(app.app, "admin2@firm.example")
            _ = try await third.post(SiteURL.organisationKPIs(try w.firms[2].requireID()).path, pairs: [("month", month(app.app)), ("value-mfa", "100")])
            let three = try await app.app.api(.GET, "/communities/\(w.community.slug)/kpis", token: token)
            let mfa = try XCTUnwrap((three.json["kpis"] as? [[String: Any]])?.first { $0["id"] as? String == "mfa" })
            let shown = try XCTUnwrap((mfa["months"] as? [[String: Any]])?.last, three.body.string)
            XCTAssertEqual(shown["median"] as? Double, 80)
            XCTAssertEqual(shown["firms"] as? Int, 3)
            let op = try await Seed.person(app.app, email: "op@example.org", role: nil, isOperator: true)
            let operatorBrowser = try await TestBrowser.signedIn(app.app, op.email)
            let console = try await operatorBrowser.get(SiteURL.operatorKPIs.path)
            XCTAssertTrue(console.body.string.contains("Leeds Shops"), console.body.string)
            let figures = try await operatorBrowser.get(SiteURL.communityKPIs(w.community.slug).path)
            XCTAssertEqual(figures.status, .ok)
            XCTAssertTrue(figures.body.string.contains(">80%<"), "the operator sees the community's median")
            let firmPage = try await operatorBrowser.get(SiteURL.organisationKPIs(try w.firms[0].requireID()).path)
            XCTAssertEqual(firmPage.status, .notFound, "never a firm's own values")
        }
    }
}
