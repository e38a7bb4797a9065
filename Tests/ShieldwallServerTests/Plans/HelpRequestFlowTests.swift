import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// "I need help now": a firm raises a call, its communities' helpers hear at once (by mail whatever they
/// chose), one takes it, and the timeline keeps every step.
final class HelpRequestFlowTests: XCTestCase {
    func testAFirmAsksAndAnExpertTakesIt() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            let sam = try w.browser(.staffB), eve = try w.browser(.expert), fac = try w.browser(.facilitator)
            let empty = try await sam.post(SiteURL.help.path, ["description": " ", "contact": "07700 900123"])
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertTrue(empty.body.string.contains("07700 900123"), "what was typed is kept")
            let red = try await sam.post(SiteURL.help.path, ["description": "Help", "contact": "07700 900123", "tlp": "red"])
            XCTAssertEqual(red.status, .unprocessableEntity)
            await expectEqual(try await HelpRequest.query(on: world.app.db).count(), 0)

            let raised = try await sam.post(SiteURL.help.path, [
                "description": "A ransom note is on the office PC and the shared drive files end in .lock",
                "affected": "Office PC, shared drive", "contact": "Sam, 07700 900123, in the shop till 6", "tlp": "amber"])
            XCTAssertEqual(raised.status, .seeOther)
            let path = try XCTUnwrap(raised.location)
            let request = try await HelpRequest.query(on: world.app.db).firstOrFail()
            XCTAssertEqual(request.playbook, "ransomware", "the words point to the ransomware playbook")
            await expectEqual(try await w.notifications(.expert, kind: .helpRequest), 1)
            await expectEqual(try await w.notifications(.facilitator, kind: .helpRequest), 1)
            await expectEqual(try await w.notifications(.outsider, kind: .helpRequest), 0)
            await expectEqual(try await w.notifications(.adminB, kind: .helpRequest), 0, "the firm asked; helpers are told")
            let mailed = world.mailer.sent.filter { $0.to == "expert@x.example" }
            XCTAssertEqual(mailed.count, 1, "mailed at once although the expert chose nothing")
            XCTAssertTrue(mailed.first?.subject.contains("needs help now") ?? false, mailed.first?.subject ?? "")

            let page = try await eve.get(path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Open — nobody has taken it yet"))
            XCTAssertTrue(page.body.string.contains("Sam, 07700 900123, in the shop till 6"))
            XCTAssertTrue(page.body.string.contains(">Ransomware</a>"), "linked to the playbook")
            for role in [PlanWorld.Role.outsider, .operator] {
                let other = try await w.browser(role).get(path)
                XCTAssertEqual(other.status, .notFound, "\(role) does not see the call")
            }

            let staffTakes = try await sam.post(SiteURL.helpRequestActions(try request.requireID()).path, ["action": "take"])
            XCTAssertEqual(staffTakes.status, .forbidden)
            world.time.advance(by: 12 * 60)
            let taken = try await eve.post(SiteURL.helpRequestActions(try request.requireID()).path, ["action": "take"])
            XCTAssertEqual(taken.status, .seeOther)
            let second = try await fac.post(SiteURL.helpRequestActions(try request.requireID()).path, ["action": "take"])
            XCTAssertEqual(second.status, .unprocessableEntity)
            XCTAssertTrue(second.body.string.contains("Eve Expert has already taken it."))
            await expectEqual(try await w.notifications(.facilitator, kind: .helpUpdate), 1, "the other helpers see it is taken")
            await expectEqual(try await w.notifications(.staffB, kind: .helpUpdate), 1)
            let blank = try await eve.post(SiteURL.helpRequestActions(try request.requireID()).path, ["action": "note", "body": ""])
            XCTAssertEqual(blank.status, .unprocessableEntity)
            _ = try await eve.post(SiteURL.helpRequestActions(try request.requireID()).path,
                                   ["action": "note", "body": "Unplug the office PC from the network, do not switch it off. Calling you now."])
            _ = try await sam.post(SiteURL.helpRequestActions(try request.requireID()).path, ["action": "resolve", "body": "Restored from backup."])
            let helperReopens = try await eve.post(SiteURL.helpRequestActions(try request.requireID()).path, ["action": "reopen"])
            XCTAssertEqual(helperReopens.status, .forbidden)
            let timeline = try await sam.get(path)
            for text in ["raised by Sam Staff", "taken by Eve Expert", "Eve Expert wrote:", "Unplug the office PC", "resolved by Sam Staff"] {
                XCTAssertTrue(timeline.body.string.contains(text), text)
            }
            let stored = try await HelpRequest.query(on: world.app.db).firstOrFail()
            XCTAssertEqual(stored.status, .resolved)
            XCTAssertEqual(stored.firstResponseAt, stored.createdAt.addingTimeInterval(12 * 60))

            let health = try await fac.get(SiteURL.communityHealth(w.slug).path)
            XCTAssertTrue(health.body.string.contains("<strong>12 min</strong> median time to a helper"), "time to first answer")
            let list = try await eve.get(SiteURL.help.path)
            XCTAssertTrue(list.body.string.contains("A ransom note is on the office PC"))
            XCTAssertFalse(list.body.string.contains("id=\"help-form\""), "an expert has no firm to raise for")
        }
    }

    func testSomeoneInNoCommunityIsToldWhereToReportAndNothingIsWritten() async throws {
        try await withApp { world in
            let lone = try await Seed.organisation(world.app, name: "Lone Florist")
            _ = try await Seed.person(world.app, email: "owner@florist.example", organisation: lone, role: .admin)
            _ = try await Seed.person(world.app, email: "op@shieldwall.example", isOperator: true)
            let op = TestBrowser(world.app)
            try await op.signIn("op@shieldwall.example")
            let bad = try await op.post(SiteURL.operatorSettings.path, ["session_idle_minutes": "30", "session_absolute_hours": "12",
                                                                       "report_places": "Action Fraud | https://www.actionfraud.police.uk | fraud\nICO | ico.org.uk"])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("Line 2: write a name"))
            let saved = try await op.post(SiteURL.operatorSettings.path, ["session_idle_minutes": "30", "session_absolute_hours": "12",
                                                                         "report_places": "Action Fraud | https://www.actionfraud.police.uk | fraud and cyber crime"])
            XCTAssertEqual(saved.status, .seeOther)

            let owner = TestBrowser(world.app)
            try await owner.signIn("owner@florist.example")
            let page = try await owner.get(SiteURL.help.path)
            XCTAssertTrue(page.body.string.contains("Your firm takes part in none yet"))
            XCTAssertTrue(page.body.string.contains(#"<a href="https://www.actionfraud.police.uk" rel="noopener">Action Fraud</a> — fraud and cyber crime"#))
            let refused = try await owner.post(SiteURL.help.path, ["description": "Our card money went missing", "contact": "0113 000"])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("takes part in no community yet"))
            await expectEqual(try await HelpRequest.query(on: world.app.db).count(), 0)
            await expectEqual(try await HelpEvent.query(on: world.app.db).count(), 0)
        }
    }

    func testHelpThroughTheAPI() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            let raised = try await world.app.api(.POST, "/help-requests", token: w.tokens[.adminB],
                                                 json: #"{"description":"Someone changed our supplier's bank details by e-mail","contact":"Bea 0113 496 0001"}"#)
            XCTAssertEqual(raised.status, .created, raised.body.string)
            XCTAssertEqual(raised.json["playbook"] as? String, "invoice-fraud")
            XCTAssertEqual(raised.json["tlp"] as? String, "amber")
            let id = try XCTUnwrap(raised.json["id"] as? String)
            let expertList = try await world.app.api(.GET, "/help-requests", token: w.tokens[.expert])
            XCTAssertTrue(expertList.body.string.contains(id.lowercased()) || expertList.body.string.contains(id))
            let outsiderList = try await world.app.api(.GET, "/help-requests", token: w.tokens[.outsider])
            XCTAssertEqual(outsiderList.body.string, "[]")
            let taken = try await world.app.api(.POST, "/help-requests/\(id)/actions", token: w.tokens[.expert], json: #"{"action":"take"}"#)
            XCTAssertEqual(taken.status, .ok)
            XCTAssertEqual(taken.json["status"] as? String, "taken")
            let unknown = try await world.app.api(.POST, "/help-requests/\(id)/actions", token: w.tokens[.expert], json: #"{"action":"dance"}"#)
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            let expert = try await world.app.api(.POST, "/help-requests", token: w.tokens[.expert], json: #"{"description":"x","contact":"y"}"#)
            XCTAssertEqual(expert.status, .unprocessableEntity, "an expert has no firm to ask for")
        }
    }
}
