import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// The community writes its plan together: the facilitator starts and publishes it, members propose, each
/// firm signs the version it follows and records how each measure applies to it.
final class JointPlanFlowTests: XCTestCase {
    func testTheFacilitatorPublishesAndEachFirmSignsTheCurrentVersion() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            let fac = try w.browser(.facilitator), bea = try w.browser(.adminB)
            let before = try await bea.get(SiteURL.communityPlan(w.slug).path)
            XCTAssertTrue(before.body.string.contains("This community has no plan yet."))
            XCTAssertFalse(before.body.string.contains("Start the plan"), "only the facilitator starts it")

            let started = try await fac.post(SiteURL.communityPlanStart(w.slug).path)
            XCTAssertEqual(started.location, SiteURL.communityPlanDraft(w.slug).path)
            let draft = try await fac.get(SiteURL.communityPlanDraft(w.slug).path)
            XCTAssertTrue(draft.body.string.contains("Two-step sign-in on e-mail, banking and the web shop"), "the template's measures")
            let again = try await fac.post(SiteURL.communityPlanStart(w.slug).path)
            XCTAssertEqual(again.status, .unprocessableEntity)
            XCTAssertTrue(again.body.string.contains("already has a plan"))

            // The facilitator words a measure for this group, then publishes version 1.
            let edited = try await fac.post(SiteURL.communityPlanDraftMeasure(w.slug, "prevent-backups").path,
                                            ["title": "Backups off site every night", "text": "Each firm keeps a nightly copy away from the shop."])
            XCTAssertEqual(edited.status, .seeOther)
            let unpublished = try await bea.get(SiteURL.communityPlan(w.slug).path)
            XCTAssertEqual(unpublished.text(ofID: "my-signoff"), nil, "nothing to sign before version 1")
            XCTAssertTrue(unpublished.body.string.contains("No version is published yet."))
            let published = try await fac.post(SiteURL.communityPlanPublish(w.slug).path, ["summary": "Our first plan."])
            XCTAssertEqual(published.location, SiteURL.communityPlan(w.slug).path)
            await expectEqual(try await w.notifications(.adminB, kind: .planPublished), 1)
            await expectEqual(try await w.notifications(.staffB, kind: .planPublished), 1)
            await expectEqual(try await w.notifications(.facilitator, kind: .planPublished), 0, "not the one who published it")
            await expectEqual(try await w.notifications(.outsider, kind: .planPublished), 0)
            let feed = try await bea.get(SiteURL.notifications.path)
            XCTAssertTrue(feed.body.string.contains("Version 1 of the plan of Leeds Food Chain is published"))

            let page = try await bea.get(SiteURL.communityPlan(w.slug).path)
            XCTAssertTrue(page.body.string.contains("Backups off site every night"))
            XCTAssertEqual(page.text(ofID: "my-signoff"), "Moor Lane Deli has not signed the plan yet. Version 1 is current.")
            XCTAssertTrue(page.body.string.contains("Sign version 1 for my firm"))
            let staffPage = try await w.browser(.staffB).get(SiteURL.communityPlan(w.slug).path)
            XCTAssertFalse(staffPage.body.string.contains("Sign version 1 for my firm"), "staff read, the admin signs")
            let staffSigns = try await w.browser(.staffB).post(SiteURL.communityPlanSign(w.slug).path, ["version": "1"])
            XCTAssertEqual(staffSigns.status, .forbidden)

            let signed = try await bea.post(SiteURL.communityPlanSign(w.slug).path, ["version": "1"])
            XCTAssertEqual(signed.status, .seeOther)
            let afterSign = try await bea.get(SiteURL.communityPlan(w.slug).path)
            XCTAssertEqual(afterSign.text(ofID: "my-signoff"), "Moor Lane Deli has signed version 1, the current one.")
            XCTAssertTrue(afterSign.body.string.contains("Signed for your firm."))
            let twice = try await bea.post(SiteURL.communityPlanSign(w.slug).path, ["version": "1"])
            XCTAssertEqual(twice.status, .unprocessableEntity)
            XCTAssertTrue(twice.body.string.contains("already signed this version"))
            let health = try await w.browser(.operator).get(SiteURL.communityHealth(w.slug).path)
            XCTAssertTrue(health.body.string.contains("Version 1 is current; 1 of 2 firms have signed it."), "the operator sees counts")
            XCTAssertFalse(health.body.string.contains("Backups off site"), "and no plan words")
            let signature = try await PlanSignature.query(on: world.app.db).firstOrFail()
            XCTAssertEqual(signature.$person.id, try w.person(.adminB).requireID(), "who signed is kept")
            XCTAssertEqual(signature.signedAt, world.time.now)

            // A new version asks again: the firm is shown on an older one, and only the current one can be signed.
            _ = try await fac.post(SiteURL.communityPlanDraftMeasure(w.slug, "prevent-updates").path,
                                   ["title": "Updates on within one week", "text": "Phones, tills and laptops update within a week."])
            let draftBeforeSign = try await bea.post(SiteURL.communityPlanSign(w.slug).path, ["version": "2"])
            XCTAssertEqual(draftBeforeSign.status, .unprocessableEntity)
            XCTAssertTrue(draftBeforeSign.body.string.contains("Only a published version can be signed."))
            _ = try await fac.post(SiteURL.communityPlanPublish(w.slug).path, ["summary": "Updates within a week."])
            let older = try await bea.get(SiteURL.communityPlan(w.slug).path)
            XCTAssertTrue(older.body.string.contains("Moor Lane Deli signed version 1; version 2 is now current."))
            let oldSign = try await bea.post(SiteURL.communityPlanSign(w.slug).path, ["version": "1"])
            XCTAssertEqual(oldSign.status, .unprocessableEntity)
            XCTAssertTrue(oldSign.body.string.contains("Only the current version (2) can be signed."))

            let signatures = try await world.app.api(.GET, "/communities/\(w.slug)/plan/signatures", token: w.tokens[.facilitator])
            let rows = (try JSONSerialization.jsonObject(with: Data(signatures.body.string.utf8)) as? [[String: Any]]) ?? []
            XCTAssertEqual(rows.map { "\($0["organisation"] ?? ""):\($0["state"] ?? "")" }, ["Hartley's Bakery:never", "Moor Lane Deli:older"])

            // Any two versions compare word by word.
            let diff = try await bea.get(SiteURL.communityPlanDiff(w.slug).path + "?from=1&to=2")
            XCTAssertEqual(diff.status, .ok)
            XCTAssertTrue(diff.body.string.contains("Reworded:"))
            XCTAssertTrue(diff.body.string.contains("<del>- ### Updates on within two weeks"), diff.body.string)
            XCTAssertTrue(diff.body.string.contains("<ins>+ ### Updates on within one week"), diff.body.string)
            let unknown = try await bea.get(SiteURL.communityPlanDiff(w.slug).path + "?from=1&to=9")
            XCTAssertEqual(unknown.status, .notFound)
            let old = try await bea.get(SiteURL.communityPlan(w.slug).path + "?version=1")
            XCTAssertTrue(old.body.string.contains("An older version, published"))
            XCTAssertTrue(old.body.string.contains("Updates on within two weeks"))
        }
    }

    func testMembersProposeAndTheFacilitatorDecidesWithTheReasonKept() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            try await w.publishFirstVersion()
            let fac = try w.browser(.facilitator), sam = try w.browser(.staffB), eve = try w.browser(.expert)
            let form = try await sam.get(SiteURL.communityPlanProposalNew(w.slug).path + "?measure=business-payment-changes")
            XCTAssertTrue(form.body.string.contains("Propose a change to “A new bank account is confirmed by phone”"))
            let proposed = try await sam.post(SiteURL.communityPlanProposals(w.slug).path, [
                "kind": "edit", "measure": "business-payment-changes", "base_version": "1",
                "title": "A new bank account is confirmed by phone, by two people",
                "text": "Two people check any change of a supplier's bank details, by phone on a number we already had.",
                "reason": "Our supplier's mailbox was taken over last month."])
            XCTAssertEqual(proposed.status, .seeOther)
            let emptyReason = try await eve.post(SiteURL.communityPlanProposals(w.slug).path, [
                "kind": "add", "section": "people", "base_version": "1", "title": "", "text": "Everyone knows who to call."])
            XCTAssertEqual(emptyReason.status, .unprocessableEntity)
            XCTAssertTrue(emptyReason.body.string.contains("Everyone knows who to call."), "what was typed is kept")
            _ = try await eve.post(SiteURL.communityPlanProposals(w.slug).path, [
                "kind": "add", "section": "people", "base_version": "1", "title": "One number to call", "text": "Everyone knows who to call.",
                "reason": "Staff did not know whom to tell."])
            await expectEqual(try await PlanProposal.query(on: world.app.db).count(), 2)

            let list = try await fac.get(SiteURL.communityPlanProposals(w.slug).path)
            XCTAssertTrue(list.body.string.contains("Change “A new bank account is confirmed by phone”"))
            XCTAssertTrue(list.body.string.contains("Our supplier&#39;s mailbox was taken over") || list.body.string.contains("Our supplier's mailbox"))
            let proposals = try await PlanProposal.query(on: world.app.db).sort(\.$createdAt).sort(\.$title).all()
            let edit = try XCTUnwrap(proposals.first { $0.kind == .edit }), add = try XCTUnwrap(proposals.first { $0.kind == .add })

            let memberDecides = try await sam.post(SiteURL.communityPlanProposalDecision(w.slug, try edit.requireID()).path, ["decision": "accept"])
            XCTAssertEqual(memberDecides.status, .forbidden)
            let noReason = try await fac.post(SiteURL.communityPlanProposalDecision(w.slug, try add.requireID()).path, ["decision": "decline"])
            XCTAssertEqual(noReason.status, .unprocessableEntity)
            XCTAssertTrue(noReason.body.string.contains("Say why you decline"))
            let declined = try await fac.post(SiteURL.communityPlanProposalDecision(w.slug, try add.requireID()).path,
                                              ["decision": "decline", "reason": "Measure people-roles says this already."])
            XCTAssertEqual(declined.status, .seeOther)
            let accepted = try await fac.post(SiteURL.communityPlanProposalDecision(w.slug, try edit.requireID()).path, ["decision": "accept"])
            XCTAssertEqual(accepted.status, .seeOther)
            let twice = try await fac.post(SiteURL.communityPlanProposalDecision(w.slug, try edit.requireID()).path, ["decision": "decline", "reason": "x"])
            XCTAssertEqual(twice.status, .unprocessableEntity)

            let decided = try await sam.get(SiteURL.communityPlanProposals(w.slug).path)
            XCTAssertTrue(decided.body.string.contains("Declined by Fran Facilitator"))
            XCTAssertTrue(decided.body.string.contains("Measure people-roles says this already."))
            XCTAssertTrue(decided.body.string.contains("Accepted by Fran Facilitator"))
            let draft = try await fac.get(SiteURL.communityPlanDraft(w.slug).path)
            XCTAssertTrue(draft.body.string.contains("by two people"), "the accepted change is in the draft of version 2")
            XCTAssertTrue(draft.body.string.contains("Draft of version 2"))
            let current = try await sam.get(SiteURL.communityPlan(w.slug).path)
            XCTAssertFalse(current.body.string.contains("by two people"), "version 1 stays as published")

            // A proposal written against a version that is no longer current is refused with the current number.
            _ = try await fac.post(SiteURL.communityPlanPublish(w.slug).path, ["summary": "Two people confirm bank changes."])
            let stale = try await sam.post(SiteURL.communityPlanProposals(w.slug).path, [
                "kind": "remove", "measure": "prevent-updates", "base_version": "1", "reason": "Too hard."])
            XCTAssertEqual(stale.status, .unprocessableEntity)
            XCTAssertTrue(stale.body.string.contains("moved on to version 2"))

            // Comments sit under a section of a version.
            let commented = try await sam.post(SiteURL.communityPlanComments(w.slug).path,
                                               ["version": "2", "section": "business", "body": "We started this on Monday."])
            XCTAssertEqual(commented.status, .seeOther)
            let withComment = try await fac.get(SiteURL.communityPlan(w.slug).path)
            XCTAssertTrue(withComment.body.string.contains("We started this on Monday."))
            let badSection = try await sam.post(SiteURL.communityPlanComments(w.slug).path, ["version": "2", "section": "gossip", "body": "Hi"])
            XCTAssertEqual(badSection.status, .unprocessableEntity)
            await expectEqual(try await PlanComment.query(on: world.app.db).count(), 1)
        }
    }

    func testAFirmRecordsHowEachMeasureAppliesAndMakesActionsOfThem() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            try await w.publishFirstVersion()
            let bea = try w.browser(.adminB), sam = try w.browser(.staffB)
            let page = try await bea.get(SiteURL.communityPlanFirm(w.slug).path)
            XCTAssertTrue(page.body.string.contains("Moor Lane Deli and the plan of Leeds Food Chain"))
            XCTAssertTrue(page.body.string.contains("Not decided yet"))

            let noNote = try await bea.post(SiteURL.communityPlanFirmMeasure(w.slug, "prevent-supplier-access").path, ["status": "adapted"])
            XCTAssertEqual(noNote.status, .unprocessableEntity)
            XCTAssertTrue(noNote.body.string.contains("Say how your firm adapted the measure."))
            let adapted = try await bea.post(SiteURL.communityPlanFirmMeasure(w.slug, "prevent-supplier-access").path,
                                             ["status": "adapted", "note": "Our till supplier gets a key for a day at a time."])
            XCTAssertEqual(adapted.status, .seeOther)
            _ = try await bea.post(SiteURL.communityPlanFirmMeasure(w.slug, "business-customer-data").path,
                                   ["status": "not-applicable", "note": "We keep no customer data: cash only."])
            let staffTries = try await sam.post(SiteURL.communityPlanFirmMeasure(w.slug, "prevent-backups").path, ["status": "adopted"])
            XCTAssertEqual(staffTries.status, .forbidden)
            let unknown = try await bea.post(SiteURL.communityPlanFirmMeasure(w.slug, "no-such-measure").path, ["status": "adopted"])
            XCTAssertEqual(unknown.status, .unprocessableEntity)

            let staffView = try await sam.get(SiteURL.communityPlanFirm(w.slug).path)
            XCTAssertTrue(staffView.body.string.contains("Adapted: Our till supplier gets a key for a day at a time."), "staff see their firm's part")
            XCTAssertTrue(staffView.body.string.contains("Not applicable: We keep no customer data: cash only."))
            let otherFirm = try await w.browser(.facilitator).get(SiteURL.communityPlanFirm(w.slug).path)
            XCTAssertFalse(otherFirm.body.string.contains("cash only"), "another firm never sees it")
            let expert = try await w.browser(.expert).get(SiteURL.communityPlanFirm(w.slug).path)
            XCTAssertEqual(expert.status, .notFound, "an expert has no firm part")

            // A measure becomes an action in the firm's action list, once.
            let made = try await bea.post(SiteURL.communityPlanFirmAction(w.slug, "prevent-backups").path)
            XCTAssertEqual(made.status, .seeOther)
            let actions = try await bea.get(SiteURL.actions.path)
            XCTAssertTrue(actions.body.string.contains("Backups that an attacker cannot reach"))
            let again = try await bea.post(SiteURL.communityPlanFirmAction(w.slug, "prevent-backups").path)
            XCTAssertEqual(again.location, made.location, "the same action, not a second one")
            let withLink = try await bea.get(SiteURL.communityPlanFirm(w.slug).path)
            XCTAssertTrue(withLink.body.string.contains("Open the action"))
        }
    }

    func testReviewsAreRemindedOnceBeforeAndOnceOnTheDay() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            try await w.publishFirstVersion()
            let fac = try w.browser(.facilitator)
            let today = CalendarDay.string(world.time.now)
            let reviewDay = try XCTUnwrap(PlanReviewSchedule.nextReview(after: today, months: 1))
            let bad = try await fac.post(SiteURL.communityPlanSchedule(w.slug).path, ["review_every_months": "13", "next_review_on": reviewDay])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("Choose between 1 and 12 months."))
            let set = try await fac.post(SiteURL.communityPlanSchedule(w.slug).path, ["review_every_months": "6", "next_review_on": reviewDay])
            XCTAssertEqual(set.status, .seeOther)
            let ctx = ActionContext(world.app)

            await expectEqual(try await PlanNotices.remindOfReviews(ctx), 0, "a month ahead is too early")
            world.time.advance(by: 20 * 86_400)  // sessions end meanwhile: reminders do not need anyone signed in
            await expectEqual(try await PlanNotices.remindOfReviews(ActionContext(world.app)), 1, "two weeks before")
            await expectEqual(try await PlanNotices.remindOfReviews(ActionContext(world.app)), 0, "once")
            await expectEqual(try await w.notifications(.staffB, kind: .planReview), 1)
            await expectEqual(try await w.notifications(.outsider, kind: .planReview), 0)
            world.time.advance(by: 12 * 86_400)
            await expectEqual(try await PlanNotices.remindOfReviews(ActionContext(world.app)), 1, "on the day")
            await expectEqual(try await PlanNotices.remindOfReviews(ActionContext(world.app)), 0)
            await expectEqual(try await w.notifications(.adminB, kind: .planReview), 2)

            try await fac.signIn("fac@a.example")
            try await w.browser(.adminB).signIn("admin@b.example")
            // Recording the review moves the next one on by the schedule and starts the reminders again.
            let recorded = try await fac.post(SiteURL.communityPlanReview(w.slug).path, ["summary": "All firms on version 1; backups checked."])
            XCTAssertEqual(recorded.status, .seeOther)
            let plan = try await CommunityPlan.query(on: world.app.db).firstOrFail()
            XCTAssertEqual(plan.nextReviewOn, PlanReviewSchedule.nextReview(after: CalendarDay.string(world.time.now), months: 6))
            XCTAssertNil(plan.reviewReminderSent)
            let page = try await w.browser(.adminB).get(SiteURL.communityPlan(w.slug).path)
            XCTAssertTrue(page.body.string.contains("All firms on version 1; backups checked."))
        }
    }

    func testThePlanThroughTheAPI() async throws {
        try await withApp { world in
            let w = try await PlanWorld.make(world.app)
            let fac = w.tokens[.facilitator], bea = w.tokens[.adminB]
            let none = try await world.app.api(.GET, "/communities/\(w.slug)/plan", token: bea)
            XCTAssertEqual(none.status, .notFound)
            let started = try await world.app.api(.POST, "/communities/\(w.slug)/plan", token: fac)
            XCTAssertEqual(started.status, .created)
            XCTAssertEqual(started.json["draft_version"] as? Int, 1)
            let badChange = try await world.app.api(.POST, "/communities/\(w.slug)/plan/draft/changes", token: fac,
                                                    json: #"{"kind":"add","section":"people","title":"","text":"x"}"#)
            XCTAssertEqual(badChange.status, .unprocessableEntity)
            XCTAssertTrue(badChange.body.string.contains("title"), badChange.body.string)
            let added = try await world.app.api(.POST, "/communities/\(w.slug)/plan/draft/changes", token: fac,
                                                json: #"{"kind":"add","section":"people","title":"Tell the group","text":"Post in the community within a day."}"#)
            XCTAssertEqual(added.status, .ok, added.body.string)
            let memberEdits = try await world.app.api(.POST, "/communities/\(w.slug)/plan/draft/changes", token: bea,
                                                      json: #"{"kind":"remove","measure":"prevent-updates"}"#)
            XCTAssertEqual(memberEdits.status, .forbidden)
            let published = try await world.app.api(.POST, "/communities/\(w.slug)/plan/publish", token: fac, json: #"{"summary":"v1"}"#)
            XCTAssertEqual(published.status, .ok, published.body.string)
            XCTAssertEqual(published.json["status"] as? String, "published")
            let nothing = try await world.app.api(.POST, "/communities/\(w.slug)/plan/publish", token: fac, json: #"{"summary":"v2"}"#)
            XCTAssertEqual(nothing.status, .unprocessableEntity, "no draft to publish")

            let signed = try await world.app.api(.POST, "/communities/\(w.slug)/plan/signatures", token: bea, json: #"{"version":1}"#)
            XCTAssertEqual(signed.status, .created)
            let setMeasure = try await world.app.api(.PUT, "/communities/\(w.slug)/plan/firm/prevent-backups", token: bea,
                                                     json: #"{"status":"not-applicable"}"#)
            XCTAssertEqual(setMeasure.status, .unprocessableEntity)
            XCTAssertTrue(setMeasure.body.string.contains("note"))
            let saved = try await world.app.api(.PUT, "/communities/\(w.slug)/plan/firm/prevent-backups", token: bea, json: #"{"status":"adopted"}"#)
            XCTAssertEqual(saved.status, .noContent)
            let firm = try await world.app.api(.GET, "/communities/\(w.slug)/plan/firm", token: bea)
            let measures = (firm.json["measures"] as? [[String: Any]]) ?? []
            XCTAssertEqual(measures.first { $0["measure_id"] as? String == "prevent-backups" }?["status"] as? String, "adopted")
            let plan = try await world.app.api(.GET, "/communities/\(w.slug)/plan", token: bea)
            XCTAssertEqual(plan.json["current_version"] as? Int, 1)
            let sections = ((plan.json["content"] as? [String: Any])?["sections"] as? [[String: Any]]) ?? []
            XCTAssertEqual(sections.map { $0["id"] as? String ?? "" }, ["prevent", "detect", "respond", "recover", "people", "business"])
        }
    }
}
