import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A firm adopts a playbook with its own contacts, runs it in an incident as a checklist, and turns the run
/// into a lesson for the community; the facilitator adapts the library's playbooks.
final class PlaybookFlowTests: XCTestCase {
    func testAFirmAdoptsRunsAndSharesTheLesson() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            let bea = try w.browser(.adminB), sam = try w.browser(.staffB)
            let list = try await sam.get(SiteURL.communityPlaybooks(w.slug).path)
            for title in ["Ransomware", "Lost or stolen device", "Personal-data breach"] {
                XCTAssertTrue(list.body.string.contains(title), "the library lists \(title)")
            }
            let notAdopted = try await sam.post(SiteURL.communityPlaybookRuns(w.slug, "ransomware").path)
            XCTAssertEqual(notAdopted.status, .unprocessableEntity)
            XCTAssertTrue(notAdopted.body.string.contains("has not adopted “Ransomware”"))
            await expectEqual(try await PlaybookRun.query(on: world.app.db).count(), 0)

            let staffAdopts = try await sam.post(SiteURL.communityPlaybookAdoption(w.slug, "ransomware").path, ["contact_it-provider": "Me"])
            XCTAssertEqual(staffAdopts.status, .forbidden)
            let tooLong = try await bea.post(SiteURL.communityPlaybookAdoption(w.slug, "ransomware").path,
                                             ["contact_insurer": String(repeating: "x", count: 201)])
            XCTAssertEqual(tooLong.status, .unprocessableEntity)
            let adopted = try await bea.post(SiteURL.communityPlaybookAdoption(w.slug, "ransomware").path,
                                             ["contact_it-provider": "Ada at Leeds IT, 0113 496 0000", "contact_insurer": "Policy 42, 0800 123 456"])
            XCTAssertEqual(adopted.status, .seeOther)

            // Anyone of the firm runs it; the checklist shows whom to call by name.
            let started = try await sam.post(SiteURL.communityPlaybookRuns(w.slug, "ransomware").path)
            XCTAssertEqual(started.status, .seeOther)
            let runPath = try XCTUnwrap(started.location)
            let run = try await PlaybookRun.query(on: world.app.db).firstOrFail()
            let runID = try run.requireID()
            let checklist = try await sam.get(runPath)
            XCTAssertTrue(checklist.body.string.contains("call Ada at Leeds IT, 0113 496 0000"))
            XCTAssertTrue(checklist.body.string.contains("Someone to call out of hours: </strong>not filled in"))

            let ticked = try await sam.post(SiteURL.playbookRunStep(runID, "disconnect").path, ["note": "Two tills and the office PC"])
            XCTAssertEqual(ticked.status, .seeOther)
            world.time.advance(by: 600)
            _ = try await bea.post(SiteURL.playbookRunStep(runID, "call-it").path, ["note": "Ada is on her way"])
            let twice = try await sam.post(SiteURL.playbookRunStep(runID, "disconnect").path)
            XCTAssertEqual(twice.status, .unprocessableEntity)
            XCTAssertTrue(twice.body.string.contains("already ticked"))
            let unknown = try await sam.post(SiteURL.playbookRunStep(runID, "dance").path)
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            let afterTicks = try await sam.get(runPath)
            XCTAssertTrue(afterTicks.body.string.contains("done by Sam Staff"))
            XCTAssertTrue(afterTicks.body.string.contains("Two tills and the office PC"))

            // Nobody outside the firm sees the run.
            for role in [PlanWorld.Role.facilitator, .expert, .outsider, .operator] {
                let other = try await w.browser(role).get(runPath)
                XCTAssertEqual(other.status, .notFound, "\(role) sees no run of another firm")
            }

            let early = try await sam.post(SiteURL.playbookRunReport(runID).path, ["title": "Too soon", "summary": "x"])
            XCTAssertEqual(early.status, .unprocessableEntity)
            let noSummary = try await sam.post(SiteURL.playbookRunClose(runID).path, ["summary": " "])
            XCTAssertEqual(noSummary.status, .unprocessableEntity)
            let closed = try await sam.post(SiteURL.playbookRunClose(runID).path, ["summary": "Ransomware on two tills, restored by noon."])
            XCTAssertEqual(closed.status, .seeOther)
            let draft = try await sam.get(runPath)
            XCTAssertTrue(draft.body.string.contains("Nothing is sent until you press the button"))
            XCTAssertTrue(draft.body.string.contains("Ransomware: Ransomware on two tills, restored by noon."), "the draft's title")
            await expectEqual(try await ThreatReport.query(on: world.app.db).count(), 0, "a draft is not a report")
            let tickLate = try await sam.post(SiteURL.playbookRunStep(runID, "scope").path)
            XCTAssertEqual(tickLate.status, .unprocessableEntity)

            let shared = try await sam.post(SiteURL.playbookRunReport(runID).path, [
                "title": "Ransomware on our tills", "summary": "Restored by noon from last night's backup.",
                "what_happened": "A till opened an attachment.", "what_helped": "The offline backup.", "tlp": "amber", "anonymous": "true"])
            XCTAssertEqual(shared.status, .seeOther)
            let report = try await ThreatReport.query(on: world.app.db).firstOrFail()
            XCTAssertEqual(report.kind, .lessonLearned)
            XCTAssertEqual(report.tlp, .amber)
            XCTAssertTrue(report.anonymous)
            XCTAssertEqual(shared.location, SiteURL.report(try report.requireID()).path)
            let seen = try await w.browser(.facilitator).get(SiteURL.report(try report.requireID()).path)
            XCTAssertEqual(seen.status, .ok)
            XCTAssertFalse(seen.body.string.contains("Moor Lane Deli"), "an anonymous lesson never names the firm")
            let again = try await sam.post(SiteURL.playbookRunReport(runID).path, ["title": "Again", "summary": "x"])
            XCTAssertEqual(again.status, .unprocessableEntity)
            await expectEqual(try await ThreatReport.query(on: world.app.db).count(), 1)
            let linked = try await sam.get(runPath)
            XCTAssertTrue(linked.body.string.contains("Shared as a report"))
        }
    }

    func testTheFacilitatorAdaptsAndWritesPlaybooks() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            let fac = try w.browser(.facilitator), bea = try w.browser(.adminB)
            _ = try await bea.post(SiteURL.communityPlaybookAdoption(w.slug, "lost-device").path, [:])
            _ = try await bea.post(SiteURL.communityPlaybookRuns(w.slug, "lost-device").path)

            let memberEdits = try await bea.post(SiteURL.communityPlaybookEdit(w.slug, "lost-device").path,
                                                 ["title": "Mine", "steps": "## A\n- b"])
            XCTAssertEqual(memberEdits.status, .forbidden)
            let form = try await fac.get(SiteURL.communityPlaybookEdit(w.slug, "lost-device").path)
            XCTAssertTrue(form.body.string.contains("## "), "the library's steps to start from")
            let badLine = try await fac.post(SiteURL.communityPlaybookEdit(w.slug, "lost-device").path,
                                             ["title": "Lost phone", "steps": "## Now\n- Lock it remotely [call: plumber]"])
            XCTAssertEqual(badLine.status, .unprocessableEntity)
            XCTAssertTrue(badLine.body.string.contains("Line 2: there is no role “plumber”"))
            XCTAssertTrue(badLine.body.string.contains("Lock it remotely [call: plumber]"), "what was typed is kept")
            let adapted = try await fac.post(SiteURL.communityPlaybookEdit(w.slug, "lost-device").path, [
                "title": "Lost phone or laptop", "summary": "Our version.",
                "steps": "## First hour\n- Lock and wipe it from the admin console [call: it-provider]\n- Tell the bank if it had the banking app [call: bank]",
                "evidence": "Where and when it was last seen"])
            XCTAssertEqual(adapted.status, .seeOther)
            let page = try await bea.get(SiteURL.communityPlaybook(w.slug, "lost-device").path)
            XCTAssertTrue(page.body.string.contains("Lost phone or laptop"))
            XCTAssertTrue(page.body.string.contains("Adapted by this community"))
            let oldRun = try await PlaybookRun.query(on: world.app.db).firstOrFail()
            XCTAssertNotEqual(try oldRun.playbook().title, "Lost phone or laptop", "a run keeps the words it started with")

            let own = try await fac.post(SiteURL.communityPlaybookNew(w.slug).path, [
                "title": "Card terminal down", "steps": "## First ten minutes\n- Take cash and write down the card sales to put through later"])
            XCTAssertEqual(own.location, SiteURL.communityPlaybook(w.slug, "card-terminal-down").path)
            let list = try await bea.get(SiteURL.communityPlaybooks(w.slug).path)
            XCTAssertTrue(list.body.string.contains("Written by this community"))
            let other = try await w.browser(.outsider).get(SiteURL.communityPlaybook(w.slug, "card-terminal-down").path)
            XCTAssertEqual(other.status, .notFound)
        }
    }

    func testPlaybooksThroughTheAPI() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            let bea = w.tokens[.adminB], sam = w.tokens[.staffB]
            let adopt = try await world.app.api(.PUT, "/communities/\(w.slug)/playbooks/invoice-fraud/adoption", token: bea,
                                                json: #"{"contacts":{"bank":"Fraud line 0800 000 111"}}"#)
            XCTAssertEqual(adopt.status, .noContent)
            let detail = try await world.app.api(.GET, "/communities/\(w.slug)/playbooks/invoice-fraud", token: sam)
            XCTAssertEqual((detail.json["contacts"] as? [String: String])?["bank"], "Fraud line 0800 000 111")
            let started = try await world.app.api(.POST, "/communities/\(w.slug)/playbooks/invoice-fraud/runs", token: sam)
            XCTAssertEqual(started.status, .created)
            let runID = try XCTUnwrap(started.json["id"] as? String)
            let steps = (started.json["steps"] as? [[String: Any]]) ?? []
            let first = try XCTUnwrap(steps.first?["id"] as? String)
            let ticked = try await world.app.api(.POST, "/playbook-runs/\(runID)/steps/\(first)", token: sam, json: #"{"note":"Called the bank"}"#)
            XCTAssertEqual(ticked.status, .ok)
            XCTAssertEqual(((ticked.json["steps"] as? [[String: Any]])?.first?["note"]) as? String, "Called the bank")
            let outsider = try await world.app.api(.GET, "/playbook-runs/\(runID)", token: w.tokens[.outsider])
            XCTAssertEqual(outsider.status, .notFound)
            let closed = try await world.app.api(.POST, "/playbook-runs/\(runID)/close", token: sam, json: #"{"summary":"Stopped the payment."}"#)
            XCTAssertEqual(closed.status, .ok)
            let red = try await world.app.api(.POST, "/playbook-runs/\(runID)/report", token: sam,
                                              json: #"{"title":"Fake invoice","summary":"Stopped in time.","tlp":"red"}"#)
            XCTAssertEqual(red.status, .unprocessableEntity, "RED needs named recipients; a lesson is for the community")
            let shared = try await world.app.api(.POST, "/playbook-runs/\(runID)/report", token: sam,
                                                 json: #"{"title":"Fake invoice","summary":"Stopped in time.","tlp":"green","anonymous":false}"#)
            XCTAssertEqual(shared.status, .created)
            let report = try await ThreatReport.query(on: world.app.db).firstOrFail()
            XCTAssertEqual(report.tlp, .green)
            XCTAssertFalse(report.anonymous)
        }
    }
}
