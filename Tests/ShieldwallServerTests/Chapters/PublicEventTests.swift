import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A chapter's public page and events: visitors register without an account, confirm from the mail (double opt-in),
/// take seats or wait, cancel (the first waiting gets the seat), and their data goes 30 days after the event unless
/// they asked to hear of future events.
final class PublicEventTests: XCTestCase {
    func testAVisitorRegistersConfirmsAndTheWaitingListMovesWhenSomeoneCancels() async throws {
        try await withApp { world in
            let app = world.app, c = try await ChapterWorld.make(app)
            let event = try await c.publicEvent(app, title: "Phishing workshop", capacity: 1)
            let eventID = try event.requireID()

            let stranger = TestBrowser(app)
            let page = try await stranger.get(SiteURL.chapter(c.slug).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("For everyone in the city."), "the published page, without signing in")
            XCTAssertTrue(page.body.string.contains("Phishing workshop"))
            XCTAssertTrue(page.body.string.contains("1 of 1 seats free"), page.body.string)

            let (ada, adaToken) = try await c.register(world, event, name: "Ada Visitor", email: "ada@visitor.example")
            let pending = try await ada.get(SiteURL.registration(adaToken).path)
            XCTAssertTrue(pending.body.string.contains("Waiting for you to confirm"), "nothing counts before the link is opened")
            expectTrue(try await stranger.get(SiteURL.chapterEvent(c.slug, eventID).path).body.string.contains("1 of 1 seats free"))

            let confirmed = try await ada.get(SiteURL.registrationConfirm(adaToken).path)
            XCTAssertTrue(confirmed.body.string.contains("your registration is confirmed"), confirmed.body.string)
            XCTAssertTrue(confirmed.body.string.contains("You have a seat."))
            let ics = try await ada.get(SiteURL.chapterEventICS(c.slug, eventID).path)
            XCTAssertEqual(ics.headers.contentType?.description.hasPrefix("text/calendar"), true)
            XCTAssertTrue(ics.body.string.contains("SUMMARY:Phishing workshop"), ics.body.string)

            world.time.advance(by: 60)
            let (bob, bobToken) = try await c.register(world, event, name: "Bob Visitor", email: "bob@visitor.example")
            let waiting = try await bob.get(SiteURL.registrationConfirm(bobToken).path)
            XCTAssertTrue(waiting.body.string.contains("number 1 on the waiting list"), waiting.body.string)
            expectTrue(try await stranger.get(SiteURL.chapter(c.slug).path).body.string.contains("Full: 1 on the waiting list"))

            // Registering twice is refused plainly, and leaves one registration.
            let again = TestBrowser(app)
            _ = try await again.get(SiteURL.chapterEvent(c.slug, eventID).path)
            let twice = try await again.post(SiteURL.chapterEvent(c.slug, eventID).path, pairs: [("name", "Ada"), ("email", "ADA@visitor.example")])
            XCTAssertEqual(twice.status, .unprocessableEntity)
            XCTAssertTrue(twice.body.string.contains("already registered for this event"), twice.body.string)
            expectEqual(try await EventRegistration.query(on: app.db).filter(\.$email == "ada@visitor.example").count(), 1)

            // The organiser sees who registered; others do not.
            let list = try await c.facilitator.get(SiteURL.communityChapterEvent(c.slug, eventID).path)
            XCTAssertTrue(list.body.string.contains("ada@visitor.example") && list.body.string.contains("Bob Visitor"))
            expectEqual(try await c.member.get(SiteURL.communityChapterEvent(c.slug, eventID).path).status, .forbidden)

            let sentBefore = world.mailer.sent.count
            _ = try await ada.get(SiteURL.registration(adaToken).path)
            let cancelled = try await ada.post(SiteURL.registrationCancel(adaToken).path, [:])
            XCTAssertEqual(cancelled.status, .seeOther)
            expectTrue(try await ada.get(SiteURL.registration(adaToken).path).body.string.contains("Cancelled."))
            let promoted = try XCTUnwrap(world.mailer.sent.dropFirst(sentBefore).first { $0.to == "bob@visitor.example" })
            XCTAssertEqual(promoted.subject, "A seat is free for you: Phishing workshop")
            expectTrue(try await bob.get(SiteURL.registration(bobToken).path).body.string.contains("You have a seat."))

            // A day before, the one with a seat is reminded, once, even when the job runs twice.
            world.time.advance(by: 6 * 86_400 + 3600)
            expectEqual(try await RegistrationActions.remind(ActionContext(app)), 1)
            expectEqual(try await RegistrationActions.remind(ActionContext(app)), 0)
            XCTAssertEqual(world.mailer.sent.last?.subject, "Tomorrow: Phishing workshop")
            XCTAssertEqual(world.mailer.sent.last?.to, "bob@visitor.example")
            // Both later mails carry a link of their own to the visitor's page, where they can cancel.
            let reminderBody = try XCTUnwrap(world.mailer.sent.last?.body)
            let range = try XCTUnwrap(reminderBody.range(of: #"/registrations/[A-Za-z0-9_-]+"#, options: .regularExpression))
            let laterToken = String(reminderBody[range].dropFirst("/registrations/".count))
            XCTAssertNotEqual(laterToken, bobToken)
            XCTAssertTrue(promoted.body.contains("/registrations/"), promoted.body)
            let fromReminder = TestBrowser(app)
            expectTrue(try await fromReminder.get(SiteURL.registration(laterToken).path).body.string.contains("You have a seat."))
            expectEqual(try await fromReminder.post(SiteURL.registrationCancel(laterToken).path, [:]).status, .seeOther)
            expectEqual(try await EventRegistration.query(on: app.db).filter(\.$email == "bob@visitor.example").first()?.status, .cancelled)
        }
    }

    func testVisitorsDataGoesThirtyDaysAfterTheEventUnlessTheyAskedToHearMore() async throws {
        try await withApp { world in
            let app = world.app, c = try await ChapterWorld.make(app)
            let event = try await c.publicEvent(app, title: "Open evening", startsIn: 86_400)
            let (v1, t1) = try await c.register(world, event, name: "Cy Keep", email: "cy@visitor.example", keepInTouch: true)
            _ = try await v1.get(SiteURL.registrationConfirm(t1).path)
            let (_, _) = try await c.register(world, event, name: "Dee Never", email: "dee@visitor.example")  // never confirms

            world.time.advance(by: 49 * 3600)
            try await RegistrationActions.eraseVisitorsData(ActionContext(app))
            let dee = try await EventRegistration.query(on: app.db).filter(\.$email == "dee@visitor.example").first()
            XCTAssertNil(dee, "unconfirmed ones go after 48 hours")
            let cy = try await EventRegistration.query(on: app.db).filter(\.$email == "cy@visitor.example").first()
            XCTAssertNotNil(cy, "kept until 30 days after")

            world.time.advance(by: 30 * 86_400)
            expectEqual(try await RegistrationActions.eraseVisitorsData(ActionContext(app)), 1)
            let row = try await EventRegistration.query(on: app.db).first()
            XCTAssertNil(row?.name)
            XCTAssertNil(row?.email)
            XCTAssertNil(row?.address)
            XCTAssertEqual(row?.status, .confirmed, "the count stays")
            let gone = try await v1.get(SiteURL.registration(t1).path)
            XCTAssertEqual(gone.status, .notFound, "the link no longer opens anything")
            let contact = try await ChapterContact.query(on: app.db).first()
            XCTAssertEqual(contact?.email, "cy@visitor.example")

            // A new public event reaches the contact, with a one-click unsubscribe.
            try await c.facilitator.signIn("fac@chapter.example")
            _ = try await c.publicEvent(app, title: "CTF night", kind: .ctf)
            let news = try XCTUnwrap(world.mailer.sent.last { $0.to == "cy@visitor.example" })
            XCTAssertEqual(news.subject, "Milton Keynes Cyber Chapter: CTF night")
            let unsubscribe = try XCTUnwrap(news.headers["List-Unsubscribe"]).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            let path = try XCTUnwrap(URL(string: unsubscribe)?.path)
            expectTrue(try await TestBrowser(app).get(path).body.string.contains("Stop the mails"))
            let done = try await app.sendRequest(.POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            XCTAssertEqual(done.status, .ok)
            expectEqual(try await ChapterContact.query(on: app.db).count(), 0)
        }
    }

    func testBadInputIsRefusedPlainlyAndNothingIsWritten() async throws {
        try await withApp { world in
            let app = world.app, c = try await ChapterWorld.make(app)
            let event = try await c.publicEvent(app, title: "Workshop")
            let path = SiteURL.chapterEvent(c.slug, try event.requireID()).path
            let visitor = TestBrowser(app)
            _ = try await visitor.get(path)
            let bad = try await visitor.post(path, pairs: [("name", ""), ("email", "not-an-address")])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            expectEqual(try await EventRegistration.query(on: app.db).count(), 0)

            // Three registrations a day for one event from one address, then 429 (logged).
            for n in 0..<3 {
                _ = try await visitor.get(path)
                expectEqual(try await visitor.post(path, pairs: [("name", "V\(n)"), ("email", "v\(n)@visitor.example")]).status, .seeOther)
                world.time.advance(by: 60)
            }
            _ = try await visitor.get(path)
            let limited = try await visitor.post(path, pairs: [("name", "V4"), ("email", "v4@visitor.example")])
            XCTAssertEqual(limited.status, .tooManyRequests)
            XCTAssertTrue(limited.body.string.contains("Too many registrations"), limited.body.string)
            expectEqual(try await AuditEvent.query(on: app.db).filter(\.$kind == .registrationThrottled).count(), 1)

            // An unpublished chapter and a members-only event are not found by strangers.
            let hidden = try await Seed.event(app, in: c.chapter, title: "Members' meeting")
            expectEqual(try await TestBrowser(app).get(SiteURL.chapterEvent(c.slug, try hidden.requireID()).path).status, .notFound)
            expectEqual(try await TestBrowser(app).get(SiteURL.registrationConfirm("no-such-token").path).status, .notFound)
            let listing = try await c.facilitator.post(SiteURL.communityChapterListing(c.slug).path,
                                                      pairs: [("event", try event.requireID().uuidString), ("listing", "private")])
            XCTAssertEqual(listing.status, .unprocessableEntity, "people registered: the event stays public")
        }
    }
}
