import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// How the assessment ends: one "Finish" on the last page that submits when it can and says what is missing when
/// it cannot; counts that match what is asked; next steps that say how many there are and link to their advice.
final class AssessmentEndingTests: XCTestCase {
    func testFinishWithQuestionsOpenShowsResultsSoFarAndSubmitsNothing() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let staff = try await Seed.person(app, email: "staff@bakery.example", organisation: firm, role: .staff)
            let bank = try AssessmentContent.bank()
            let browser = TestBrowser(app)
            try await browser.signIn(admin.email)
            let overview = try await browser.get(SiteURL.assessment.path)
            XCTAssertTrue(overview.body.string.contains("First \(bank.profile.count) questions about your business, then up to \(bank.questions.count)"))
            let started = try await browser.post(SiteURL.assessmentStart.path)
            let profilePath = try XCTUnwrap(started.location)
            _ = try await browser.post(profilePath, Seed.plainProfile.merging(["intent": "next"]) { a, _ in a })
            let lastArea = try XCTUnwrap(bank.areas.last)
            let lastPath = profilePath.replacingOccurrences(of: "/steps/profile", with: "/steps/\(lastArea.id)")
            let last = try await browser.get(lastPath).body.string
            XCTAssertTrue(last.contains("value=\"finish\""), "the admin's last page finishes")
            XCTAssertTrue(last.contains("Finish and see my results"))
            XCTAssertFalse(last.contains("value=\"next\""))

            let finished = try await browser.post(lastPath, ["intent": "finish"])
            XCTAssertEqual(finished.status, .seeOther)
            let results = try await browser.get(try XCTUnwrap(finished.location)).body.string
            XCTAssertTrue(results.contains("Not submitted yet: some questions still have no answer"))
            XCTAssertTrue(results.contains("Submit the assessment"))
            let stored = try await Assessment.query(on: app.db).first()
            XCTAssertEqual(stored?.isSubmitted, false, "nothing is submitted while questions are open")

            let colleague = TestBrowser(app)
            try await colleague.signIn(staff.email)
            let theirs = try await colleague.get(lastPath).body.string
            XCTAssertTrue(theirs.contains("Save and see results so far"), "staff cannot submit, so their last button says so")
            XCTAssertFalse(theirs.contains("value=\"finish\""))
        }
    }

    func testFinishWithEverythingAnsweredSubmitsAtOnce() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let admin = try await Seed.person(app, email: "owner@bakery.example", organisation: firm, role: .admin)
            let bank = try AssessmentContent.bank()
            let browser = TestBrowser(app)
            try await browser.signIn(admin.email)
            let started = try await browser.post(SiteURL.assessmentStart.path)
            let profilePath = try XCTUnwrap(started.location)
            let lastArea = try XCTUnwrap(bank.areas.last)
            let lastPath = profilePath.replacingOccurrences(of: "/steps/profile", with: "/steps/\(lastArea.id)")
            var form = Dictionary(Seed.bestAnswers(bank, except: ["bk-tested": "no"]), uniquingKeysWith: { a, _ in a })
            form["intent"] = "finish"
            let finished = try await browser.post(lastPath, form)
            XCTAssertEqual(finished.status, .seeOther)
            let results = try await browser.get(try XCTUnwrap(finished.location)).body.string
            XCTAssertTrue(results.contains("Assessment submitted"))
            XCTAssertTrue(results.contains("Your next step<"), "one step left is called one step")
            let stored = try await Assessment.query(on: app.db).first()
            XCTAssertEqual(stored?.isSubmitted, true)

            let home = try await browser.get("/").body.string
            let id = try XCTUnwrap(stored?.id)
            XCTAssertTrue(home.contains("Your next step<"))
            XCTAssertTrue(home.contains("href=\"\(SiteURL.assessmentResults(id).path)#rec-"), "the home page's steps open their advice")
        }
    }
}
