import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Who is told what, how (in the app, e-mail at once, digests), and that mail never carries what the
/// recipient may no longer see.
final class NotificationTests: XCTestCase {
    func setDelivery(_ app: Application, _ person: Person, _ delivery: NotificationDelivery) async throws {
        let row = try await NotificationFeed.setting(for: try person.requireID(), on: app.db, now: app.shieldwall.time.now)
        row.delivery = delivery
        row.lastDigestAt = app.shieldwall.time.now
        try await row.update(on: app.db)
    }

    func testMentionsReachOnlyTheCommunitysPeople() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            // @bo-reader is in the other community: not told, and nothing tells the writer Bo exists.
            _ = try await w.thread(world.app, kind: .discussion, title: "Shout-out to our helpers", body: "Thanks @lee-hart and @bo-reader!")
            await expectEqual(try await PersonNotification.query(on: world.app.db).filter(\.$person.$id == (try w.person(.memberA2).requireID()))
                .filter(\.$kind == NotificationKind.mention).count(), 1)
            await expectEqual(try await PersonNotification.query(on: world.app.db).filter(\.$person.$id == (try w.person(.memberB).requireID())).count(), 0)
            // Replies notify the thread's author, not the replier.
            let thread = try await ConversationThread.query(on: world.app.db).firstOrFail()
            _ = try await w.reply(world.app, to: thread, by: .memberA2, body: "You are welcome")
            _ = try await w.reply(world.app, to: thread, by: .asker, body: "Talking to myself")
            await expectEqual(try await PersonNotification.query(on: world.app.db).filter(\.$person.$id == (try w.person(.asker).requireID())).count(), 1)
            // Reading marks them read; the bell goes quiet.
            let asker = try w.browser(.asker)
            let before = try await asker.get(SiteURL.home.path)
            XCTAssertTrue(before.body.string.contains("Notifications (1 new)"))
            _ = try await asker.get(SiteURL.thread(try thread.requireID()).path)
            let after = try await asker.get(SiteURL.home.path)
            XCTAssertFalse(after.body.string.contains("new)"), "opening the thread reads its notifications")
            // "Not at all" means no notifications are made.
            try await setDelivery(world.app, try w.person(.asker), .none)
            _ = try await asker.post(SiteURL.notificationsRead.path)
            _ = try await w.reply(world.app, to: thread, by: .memberA2, body: "Another")
            await expectEqual(try await PersonNotification.query(on: world.app.db).filter(\.$person.$id == (try w.person(.asker).requireID())).count(), 1)
        }
    }

    /// The bell reads the newest unread in one query; past that window it counts them apart, and says the same.
    func testTheBellCountsEveryUnreadNotificationHoweverMany() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            _ = try await w.thread(world.app, kind: .discussion, title: "Shout-out", body: "Thanks all")
            let thread = try await ConversationThread.query(on: world.app.db).firstOrFail()
            let asker = try w.person(.asker)
            func add(_ n: Int) async throws {
                for _ in 0..<n {
                    try await PersonNotification(personID: try asker.requireID(), communityID: thread.$community.id, kind: .reply,
                                                 threadID: try thread.requireID(), actorID: nil, at: world.time.now).create(on: world.app.db)
                }
            }
            try await add(NotificationFeed.bellWindow - 1)
            let browser = try w.browser(.asker)
            expectEqual(try await browser.get(SiteURL.home.path).body.string.contains("Notifications (\(NotificationFeed.bellWindow - 1) new)"), true)
            try await add(31)
            expectEqual(try await browser.get(SiteURL.home.path).body.string.contains("Notifications (\(NotificationFeed.bellWindow + 30) new)"), true)
        }
    }

    func testEmailAtOnceAndTheSettingsPage() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let settings = try await w.browser(.asker).post(SiteURL.notificationSettings.path, ["delivery": "email_now"])
            XCTAssertEqual(settings.status, .seeOther)
            let wrong = try await w.browser(.asker).post(SiteURL.notificationSettings.path, ["delivery": "pigeon"])
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            let thread = try await w.thread(world.app)
            _ = try await w.reply(world.app, to: thread, by: .expert, body: "Yes: turn it on today.")
            let mail = world.mailer.sent.filter { $0.to == "sam@cafe.example" }
            XCTAssertEqual(mail.count, 1)
            XCTAssertEqual(mail.first?.subject, "Priya Shah (expert) answered your question “Do we need 2-step verification on the shop inbox?”")
            XCTAssertTrue(mail.first?.body.contains("http://127.0.0.1:8080/threads/") ?? false)
            XCTAssertNotNil(mail.first?.headers["List-Unsubscribe"])
            await expectTrue(try await PersonNotification.query(on: world.app.db).filter(\.$mailedAt != nil).count() == 1)
        }
    }

    func testDigestsAreSentOnceWithTextHTMLAndUnsubscribe() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            try await setDelivery(world.app, try w.person(.expert), .daily)
            let thread = try await w.thread(world.app)
            _ = try await w.thread(world.app, title: "Which IT provider for four laptops?", body: "Looking for advice.")
            XCTAssertTrue(world.mailer.sent.isEmpty, "digest readers get no mail at once")
            let ctx = ActionContext(world.app)
            // Not yet due.
            await expectEqual(try await DigestJob.run(ctx), DigestJob.Outcome(sent: 0, empty: 0, skipped: 0))
            world.time.advance(by: 86_400)
            // Two instances run the job at the same moment: exactly one digest goes out.
            async let first = DigestJob.run(ActionContext(world.app))
            async let second = DigestJob.run(ActionContext(world.app))
            let outcomes = try await [first, second]
            XCTAssertEqual(outcomes.map(\.sent).reduce(0, +), 1, "\(outcomes)")
            let digests = world.mailer.sent.filter { $0.to == "priya@experts.example" }
            XCTAssertEqual(digests.count, 1)
            let digest = try XCTUnwrap(digests.first)
            XCTAssertEqual(digest.subject, "Shieldwall: 2 new in your communities today")
            XCTAssertTrue(digest.body.contains("Which IT provider for four laptops?"))
            XCTAssertTrue(digest.html?.contains("<a href=\"http://127.0.0.1:8080/threads/\(try thread.requireID())\">") ?? false)
            let unsubscribe = try XCTUnwrap(digest.headers["List-Unsubscribe"]).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            XCTAssertEqual(digest.headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
            XCTAssertTrue(digest.body.contains(unsubscribe))
            let rendered = digest.rfc5322(from: "Shieldwall <noreply@x>", date: world.time.now, boundary: "B")
            XCTAssertTrue(rendered.contains("Content-Type: multipart/alternative; boundary=\"B\""))
            XCTAssertTrue(rendered.contains("Content-Type: text/html; charset=utf-8"))
            // Nothing new: no mail the next day.
            world.time.advance(by: 86_400)
            await expectEqual(try await DigestJob.run(ctx).sent, 0)

            // One-click unsubscribe: no session needed; the page asks, the POST (as mail programs send) does it.
            let path = try XCTUnwrap(URL(string: unsubscribe)).path
            let page = try await world.app.testable().sendRequest(.GET, path)
            XCTAssertEqual(page.status, .ok)
            let done = try await world.app.testable().sendRequest(.POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                                   body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            XCTAssertEqual(done.status, .ok)
            await expectEqual(try await NotificationSetting.query(on: world.app.db).filter(\.$person.$id == (try w.person(.expert).requireID()))
                .first()?.delivery, NotificationDelivery.inApp)
            let unknown = try await world.app.testable().sendRequest(.GET, SiteURL.unsubscribe(String(repeating: "x", count: 43)).path)
            XCTAssertEqual(unknown.status, .notFound)
        }
    }

    /// Issue #34: a process that dies after claiming a digest and before sending it used to lose that digest.
    func testADigestClaimedByAProcessThatDiedIsSentByTheNextRunOnce() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            try await setDelivery(world.app, try w.person(.expert), .daily)
            _ = try await w.thread(world.app)
            world.time.advance(by: 86_400)
            // The dead process got as far as its claim (what `CrashPoint` "digest-claimed" stops after).
            let setting = try await NotificationSetting.query(on: world.app.db).filter(\.$person.$id == (try w.person(.expert).requireID())).first()
            await expectTrue(try await DigestJob.claim(try XCTUnwrap(setting), interval: 86_400, ctx: ActionContext(world.app)))
            // A run while the claim is fresh leaves it alone (another instance may be sending it right now).
            world.time.advance(by: 60)
            await expectEqual(try await DigestJob.run(ActionContext(world.app)), DigestJob.Outcome(sent: 0, empty: 0, skipped: 1))
            XCTAssertTrue(world.mailer.sent.isEmpty)
            // The next round, after the claim lapsed: sent once, and not again.
            world.time.advance(by: 10 * 60)
            await expectEqual(try await DigestJob.run(ActionContext(world.app)).sent, 1)
            await expectEqual(try await DigestJob.run(ActionContext(world.app)).sent, 0)
            XCTAssertEqual(world.mailer.sent.filter { $0.to == "priya@experts.example" }.count, 1)
        }
    }

    func testADigestNeverCarriesWhatTheRecipientMayNoLongerSee() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            try await setDelivery(world.app, try w.person(.asker), .weekly)
            let thread = try await w.thread(world.app, by: .memberA2, title: "Our supplier was breached", body: "Details inside.")
            _ = try await w.reply(world.app, to: thread, by: .memberA2, body: "Hey @sam-patel, you use them too?")
            // Sam's firm leaves the community before the digest is due.
            try await Seed.firmLeaves(world.app, try w.person(.asker).$organisation.id)
            world.time.advance(by: 7 * 86_400)
            _ = try await DigestJob.run(ActionContext(world.app))
            XCTAssertTrue(world.mailer.sent.filter { $0.to == "sam@cafe.example" }.isEmpty)
            let api = try await world.app.api(.GET, "/notifications", token: w.tokens[.asker])
            XCTAssertEqual(api.body.string, "[]")
        }
    }

    func testANewAMAIsAnnounced() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let facilitator = try w.browser(.facilitator)
            let response = try await facilitator.post(SiteURL.communityEvents(w.a.slug).path, [
                "kind": "ama", "title": "Ask Priya anything about backups", "description": "Send questions before the day.",
                "starts": "2027-01-20T18:00", "ends": "2027-01-20T19:00", "time_zone": "Europe/London", "location": "Online",
            ])
            XCTAssertEqual(response.status, .seeOther, response.body.string)
            let notes = try await w.browser(.colleague).get(SiteURL.notifications.path)
            XCTAssertTrue(notes.body.string.contains("Ask-Me-Anything announced: “Ask Priya anything about backups”"))
            let found = try await w.browser(.colleague).get(SiteURL.search.path + "?q=backups+questions")
            XCTAssertTrue(found.body.string.contains("1 found"), "events are searchable")
        }
    }

    func testPeopleGoingToAnEventAreRemindedOnce() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let event = try await Seed.event(world.app, in: w.a, title: "Backup clinic", startsIn: 2 * 86_400)
            _ = try await w.browser(.asker).post(SiteURL.communityEventRSVP(w.a.slug, try event.requireID()).path, ["answer": "going"])
            _ = try await w.browser(.memberA2).post(SiteURL.communityEventRSVP(w.a.slug, try event.requireID()).path, ["answer": "not_going"])
            await expectEqual(try await EventReminders.run(ActionContext(world.app)), 0, "not within a day yet")
            world.time.advance(by: 86_400 + 60)
            async let one = EventReminders.run(ActionContext(world.app))
            async let two = EventReminders.run(ActionContext(world.app))
            let made = try await [one, two]
            XCTAssertEqual(made.reduce(0, +), 1, "\(made)")
            await expectEqual(try await EventReminders.run(ActionContext(world.app)), 0)
            _ = try await w.browser(.asker).signIn("sam@cafe.example")
            let notes = try await w.browser(.asker).get(SiteURL.notifications.path)
            XCTAssertTrue(notes.body.string.contains("“Backup clinic” starts soon"))
        }
    }

    func testDigestsRemindOfOverduePlanActions() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let firm = try XCTUnwrap(try w.person(.asker).$organisation.id)
            let action = PlanAction(organisationID: firm, recommendationID: "test-restore", title: "Test restoring the till backup",
                                    createdBy: try w.person(.asker).id, at: world.time.now)
            action.$owner.id = try w.person(.colleague).requireID()
            action.dueOn = PlanActions.today(world.time.now.addingTimeInterval(-86_400))
            try await action.create(on: world.app.db)
            for role in [ConversationWorld.Role.asker, .colleague, .memberA2] { try await setDelivery(world.app, try w.person(role), .daily) }
            world.time.advance(by: 86_400)
            _ = try await DigestJob.run(ActionContext(world.app))
            func digest(_ email: String) -> MailMessage? { world.mailer.sent.first { $0.to == email } }
            XCTAssertTrue(digest("jo@cafe.example")?.body.contains("Overdue in your action plan: “Test restoring the till backup”") ?? false, "the owner")
            XCTAssertTrue(digest("sam@cafe.example")?.body.contains("Test restoring the till backup") ?? false, "the firm's admin")
            XCTAssertNil(digest("lee@pennine.example"), "another firm hears nothing")
        }
    }
}
