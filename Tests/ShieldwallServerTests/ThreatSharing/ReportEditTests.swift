import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Shared reports and their comments can be corrected; the earlier words stay readable, exports see
/// the new version, and nobody else edits them.
final class ReportEditTests: XCTestCase {
    func testTheAuthorCorrectsAReportAndItsHistoryStays() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let report = try await ReportActions.publish(.init(kind: "phishing", title: "Fake courier texts", summary: "Texts about a missed parcel.",
                                                               tlp: "amber", indicators: ["parcel-redelivery.example"]),
                                                         in: w.a, by: try w.signed(.asker), ctx: ActionContext(world.app))
            let id = try report.requireID()
            let created = report.modifiedAt
            world.time.advance(by: 60)
            let other = try await w.browser(.memberA2).post(SiteURL.reportEdit(id).path, ["title": "Mine now", "summary": "x"])
            XCTAssertEqual(other.status, .forbidden)
            let hidden = try await w.browser(.memberB).get(SiteURL.reportEdit(id).path)
            XCTAssertEqual(hidden.status, .notFound)
            let empty = try await w.browser(.asker).post(SiteURL.reportEdit(id).path, ["title": "", "summary": ""])
            XCTAssertEqual(empty.status, .unprocessableEntity)
            let saved = try await w.browser(.asker).post(SiteURL.reportEdit(id).path, [
                "title": "Fake courier texts (Evri and DPD)", "summary": "Texts about a missed parcel, now also claiming to be DPD.",
                "narrative": "The link asks for a **£1.45** fee.",
            ])
            XCTAssertEqual(saved.status, .seeOther)
            let page = try await w.browser(.memberA2).get(SiteURL.report(id).path)
            XCTAssertTrue(page.body.string.contains("now also claiming to be DPD"))
            XCTAssertTrue(page.body.string.contains("edited — see history"))
            let history = try await w.browser(.memberA2).get(SiteURL.reportHistory(id).path)
            XCTAssertTrue(history.body.string.contains("Texts about a missed parcel."))
            XCTAssertTrue(history.body.string.contains("Before Sam Patel edited it"))
            let fresh = try await ThreatReport.find(id, on: world.app.db)
            XCTAssertGreaterThan(try XCTUnwrap(fresh?.modifiedAt), created, "consumers see a new version")
            let found = try await world.app.api(.GET, "/search?q=dpd", token: w.tokens[.memberA2])
            XCTAssertTrue(found.body.string.contains(id.uuidString), "search follows the edit")
            await expectEqual(try await world.app.api(.GET, "/search?q=dpd", token: w.tokens[.memberB]).body.string, "[]")
            // The facilitator may correct it too, through the API; fields left out stay.
            let api = try await world.app.api(.PATCH, "/reports/\(id)", token: w.tokens[.facilitator], json: #"{"title":"Fake courier texts (moderated)"}"#)
            XCTAssertEqual(api.status, .ok, api.body.string)
            XCTAssertEqual(api.json["summary"] as? String, "Texts about a missed parcel, now also claiming to be DPD.")
            let forbidden = try await world.app.api(.PATCH, "/reports/\(id)", token: w.tokens[.memberA2], json: #"{"title":"No"}"#)
            XCTAssertEqual(forbidden.status, .forbidden)
            let revisions = try await world.app.api(.GET, "/reports/\(id)/history", token: w.tokens[.memberA2])
            XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(revisions.body.string.utf8)) as? [Any])?.count, 2)
            await expectEqual(try await world.app.api(.GET, "/reports/\(id)/history", token: w.tokens[.memberB]).status, .notFound)

            // Comments: the writer (or the facilitator) edits; the old words are in the history.
            _ = try await w.browser(.memberA2).post(SiteURL.reportComments(id).path, ["body": "We got one at 07700 900123"])
            let comment = try await ReportComment.query(on: world.app.db).firstOrFail()
            let path = SiteURL.reportCommentEdit(id, try comment.requireID()).path
            let notTheirs = try await w.browser(.asker).post(path, ["body": "Changed"])
            XCTAssertEqual(notTheirs.status, .forbidden)
            let edited = try await w.browser(.memberA2).post(path, ["body": "We got one too (number removed)"])
            XCTAssertEqual(edited.status, .seeOther)
            let after = try await w.browser(.asker).get(SiteURL.report(id).path)
            XCTAssertTrue(after.body.string.contains("number removed"))
            let commentHistory = try await w.browser(.asker).get(SiteURL.reportHistory(id).path)
            XCTAssertTrue(commentHistory.body.string.contains("07700 900123"))
        }
    }

    func testAnAnonymousAuthorsEditsStayAnonymous() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let report = try await ReportActions.publish(.init(kind: "lesson_learned", title: "Ransomware lesson", summary: "What we learned.",
                                                               tlp: "amber", anonymous: true), in: w.a, by: try w.signed(.asker), ctx: ActionContext(world.app))
            let id = try report.requireID()
            _ = try await w.browser(.asker).post(SiteURL.reportEdit(id).path, ["title": "Ransomware lesson", "summary": "What we learned, in short."])
            let others = try await w.browser(.memberA2).get(SiteURL.reportHistory(id).path)
            XCTAssertFalse(others.body.string.contains("Sam Patel"))
            XCTAssertTrue(others.body.string.contains("Before Anonymous member edited it"))
            let colleague = try await w.browser(.colleague).get(SiteURL.reportHistory(id).path)
            XCTAssertTrue(colleague.body.string.contains("Sam Patel"), "the author's own firm sees the name")
        }
    }
}
