import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Every member hears of new risks: a new report tells those who may read it, as each chose, never beyond its
/// TLP and never naming an anonymous firm.
final class NewReportNoticeTests: XCTestCase {
    func post(_ w: PlanWorld, _ json: String, as role: PlanWorld.Role = .adminB) async throws {
        let response = try await w.app.api(.POST, "/communities/\(w.slug)/reports", token: w.tokens[role], json: json)
        XCTAssertEqual(response.status, .created, response.body.string)
    }

    func testReadersHearAsTheyChoseAndNeverBeyondTheMarking() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            try await post(w, #"{"kind":"incident","title":"Fake courier texts","summary":"Texts with a parcel link.","tlp":"amber","anonymous":true}"#)
            for role in [PlanWorld.Role.facilitator, .staffB, .expert] {
                await expectEqual(try await w.notifications(role, kind: .newReport), 1, "\(role) may read it and hears of it")
            }
            for role in [PlanWorld.Role.adminB, .unaccepted, .outsider, .operator] {
                await expectEqual(try await w.notifications(role, kind: .newReport), 0, "\(role) hears nothing")
            }
            let feed = try await w.browser(.facilitator).get(SiteURL.notifications.path)
            XCTAssertTrue(feed.body.string.contains("New Incident in Leeds Food Chain: “Fake courier texts”"), feed.body.string)
            XCTAssertFalse(feed.body.string.contains("Moor Lane Deli") || feed.body.string.contains("Bea Admin"), "an anonymous report names nobody")

            // Sam wants none, Eve advisories only.
            let sam = try w.browser(.staffB), eve = try w.browser(.expert)
            _ = try await sam.post(SiteURL.notificationSettings.path, ["delivery": "in_app", "reports": "none"])
            _ = try await eve.post(SiteURL.notificationSettings.path, ["delivery": "in_app", "reports": "advisories"])
            let bad = try await eve.post(SiteURL.notificationSettings.path, ["delivery": "in_app", "reports": "some"])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            try await post(w, #"{"kind":"phishing","title":"Invoice mail","summary":"A fake invoice.","tlp":"amber"}"#)
            await expectEqual(try await w.notifications(.staffB, kind: .newReport), 1)
            await expectEqual(try await w.notifications(.expert, kind: .newReport), 1)
            await expectEqual(try await w.notifications(.facilitator, kind: .newReport), 2)

            // A GREEN advisory reaches the other communities too; RED only its recipients.
            try await post(w, #"{"kind":"advisory","title":"Patch the shop plugin","summary":"A hole in a popular plugin.","tlp":"green"}"#)
            await expectEqual(try await w.notifications(.expert, kind: .newReport), 2)
            await expectEqual(try await w.notifications(.outsider, kind: .newReport), 1, "a member of another community")
            let eveID = try w.person(.expert).requireID()
            try await post(w, #"{"kind":"incident","title":"Our admin password leaked","summary":"Only for Eve.","tlp":"red","recipients":["\#(eveID)"]}"#)
            await expectEqual(try await w.notifications(.expert, kind: .newReport), 2, "Eve hears of advisories only")
            await expectEqual(try await w.notifications(.facilitator, kind: .newReport), 3, "not the RED one")
            let facFeed = try await w.browser(.facilitator).get(SiteURL.notifications.path)
            XCTAssertFalse(facFeed.body.string.contains("admin password"))
        }
    }

    func testARecipientWhoMayNoLongerReadItNoLongerSeesTheNotification() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            try await post(w, #"{"kind":"incident","title":"Skimmer on a card reader","summary":"Check your terminals.","tlp":"amber"}"#, as: .facilitator)
            let before = try await w.browser(.staffB).get(SiteURL.notifications.path)
            XCTAssertTrue(before.body.string.contains("Skimmer on a card reader"))
            try await Seed.firmLeaves(world.app, w.firmB.id)
            let after = try await w.browser(.staffB).get(SiteURL.notifications.path)
            XCTAssertFalse(after.body.string.contains("Skimmer on a card reader"), "the firm left: the AMBER report is out of reach")
        }
    }
}
