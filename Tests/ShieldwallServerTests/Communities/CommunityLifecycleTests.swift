import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

final class CommunityLifecycleTests: XCTestCase {
    /// The main path: a firm's person asks, the operator approves, the facilitator goes through the
    /// toolkit and invites a firm; that firm's admin accepts, accepts the charter, sees the community
    /// and answers an event.
    func testFromRequestToAMemberAnsweringAnEvent() async throws {
        try await withApp { world in
            let app = world.app
            try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let beaconFirm = try await Seed.organisation(app, name: "Hartley's Bakery")
            try await Seed.person(app, email: "sarah@bakery.example", name: "Sarah Hartley", organisation: beaconFirm, role: .staff)
            let otherFirm = try await Seed.organisation(app, name: "Wool & Weft")
            try await Seed.person(app, email: "megan@wool.example", name: "Megan", organisation: otherFirm, role: .admin)

            let sarah = TestBrowser(app)
            try await sarah.signIn("sarah@bakery.example")
            try await sarah.get(SiteURL.communityNew.path)
            let bad = try await sarah.post(SiteURL.communityNew.path, ["name": "", "kind": "galaxy", "description": "x"])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("Choose sector, region, supply chain or city chapter."))
            let asked = try await sarah.post(SiteURL.communityNew.path, [
                "name": "Leeds Independent Shops", "kind": "region", "description": "Shop owners in Leeds helping each other.", "listed": "true"])
            XCTAssertEqual(asked.status, .seeOther)
            let slug = "leeds-independent-shops"
            let notYet = try await sarah.get(SiteURL.communitySetup(slug, 1).path)
            XCTAssertEqual(notYet.status, .conflict, "no setup before approval")
            XCTAssertTrue(notYet.body.string.contains("Leeds Independent Shops waits for an operator to approve it."))
            let other = TestBrowser(app)
            try await other.signIn("megan@wool.example")
            expectEqual(try await other.get(SiteURL.community(slug).path).status, .notFound, "to anyone else it is not there")

            let op = TestBrowser(app)
            try await op.signIn("op@shieldwall.example")
            let pending = try await op.get(SiteURL.operatorCommunities.path)
            XCTAssertTrue(pending.body.string.contains("Leeds Independent Shops"))
            try await op.post(SiteURL.operatorCommunityDecision(slug).path, ["decision": "approve"])
            XCTAssertTrue(world.mailer.sent.contains { $0.to == "sarah@bakery.example" && $0.subject.contains("approved") })

            // Toolkit: the community page sends the facilitator to the next step.
            let home = try await sarah.get(SiteURL.community(slug).path)
            XCTAssertEqual(home.location, SiteURL.communitySetup(slug, 1).path)
            try await sarah.get(SiteURL.communitySetup(slug, 1).path)
            try await sarah.post(SiteURL.communitySetup(slug, 1).path, [
                "name": "Leeds Independent Shops", "kind": "region", "description": "Shop owners in Leeds.", "tags": "retail, Leeds", "listed": "true"])
            let step2 = try await sarah.get(SiteURL.communitySetup(slug, 2).path)
            XCTAssertTrue(step2.body.string.contains("Charter of Leeds Independent Shops"), "the template is filled in")
            XCTAssertTrue(step2.body.string.contains("TLP:AMBER"))
            let charterText = "# Our charter\n\nWe share what we see. <script>alert(1)</script>"
            try await sarah.post(SiteURL.communitySetup(slug, 2).path, ["charter": charterText])
            let resumed = try await sarah.get(SiteURL.community(slug).path)
            XCTAssertEqual(resumed.location, SiteURL.communitySetup(slug, 3).path, "stop and continue later")
            try await sarah.get(SiteURL.communitySetup(slug, 3).path)
            let invited = try await sarah.post(SiteURL.communityInvitations(slug).path + "?setup=1",
                                               ["organisation": try otherFirm.requireID().uuidString, "message": "Come and join us!"])
            XCTAssertEqual(invited.status, .seeOther)
            let again = try await sarah.post(SiteURL.communityInvitations(slug).path,
                                             ["organisation": try otherFirm.requireID().uuidString])
            XCTAssertTrue(again.body.string.contains("already have an open invitation"))
            try await sarah.get(SiteURL.communitySetup(slug, 3).path)
            try await sarah.post(SiteURL.communitySetup(slug, 3).path)
            try await sarah.get(SiteURL.communitySetup(slug, 4).path)
            let badRhythm = try await sarah.post(SiteURL.communitySetup(slug, 4).path, [
                "time_zone": "Europe/London", "months": "6", "webinar": "true", "webinar_starts": "not a date"])
            XCTAssertEqual(badRhythm.status, .unprocessableEntity)
            var events = try await CommunityEvent.query(on: app.db).count()
            XCTAssertEqual(events, 0, "nothing half-created")
            let done = try await sarah.post(SiteURL.communitySetup(slug, 4).path, [
                "time_zone": "Europe/London", "months": "6", "webinar": "true", "webinar_starts": "2027-03-11T18:00",
                "ama": "true", "ama_starts": "2027-04-14T12:30"])
            XCTAssertEqual(done.location, SiteURL.community(slug).path)
            events = try await CommunityEvent.query(on: app.db).count()
            XCTAssertEqual(events, 6 + 3, "six monthly webinars and three AMAs")

            // Megan, admin of the invited firm, sees the invitation on her home page and accepts.
            let megan = TestBrowser(app)
            try await megan.signIn("megan@wool.example")
            let meganHome = try await megan.get("/")
            XCTAssertTrue(meganHome.body.string.contains("Your firm is invited to join Leeds Independent Shops."))
            XCTAssertTrue(meganHome.body.string.contains("Come and join us!"))
            let invitation = try await CommunityInvitation.query(on: app.db).firstOrFail()
            let accepted = try await megan.post(SiteURL.communityInvitationAnswer(try invitation.requireID()).path, ["answer": "accept"])
            XCTAssertEqual(accepted.location, SiteURL.communityCharter(slug).path)

            // Charter first: no content until accepted.
            let blocked = try await megan.get(SiteURL.communityEvents(slug).path)
            XCTAssertEqual(blocked.location, SiteURL.communityCharter(slug).path)
            let charter = try await megan.get(SiteURL.communityCharter(slug).path)
            XCTAssertTrue(charter.body.string.contains("<h1>Our charter</h1>"))
            XCTAssertFalse(charter.body.string.contains("<script>alert(1)</script>"), "markdown is rendered inert")
            XCTAssertTrue(charter.body.string.contains("&lt;script&gt;"))
            try await megan.post(SiteURL.communityCharterAccept(slug).path, ["version": "1"])
            let page = try await megan.get(SiteURL.community(slug).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Wool &amp; Weft"))
            XCTAssertTrue(page.body.string.contains("Sarah Hartley"))

            // She answers the first webinar and downloads it.
            let first = try await CommunityEvent.query(on: app.db).sort(\.$startsAt).firstOrFail()
            try await megan.get(SiteURL.communityEvent(slug, try first.requireID()).path)
            try await megan.post(SiteURL.communityEventRSVP(slug, try first.requireID()).path, ["answer": "going"])
            let eventPage = try await megan.get(SiteURL.communityEvent(slug, try first.requireID()).path)
            XCTAssertTrue(eventPage.body.string.contains("1 going, 0 maybe, 0 not going"))
            let ics = try await megan.get(SiteURL.communityEventICS(slug, try first.requireID()).path)
            XCTAssertEqual(ics.headers.contentType?.description, "text/calendar; charset=utf-8")
            XCTAssertTrue(ics.body.string.hasPrefix("BEGIN:VCALENDAR\r\n"))
            XCTAssertTrue(ics.body.string.contains("DTSTART:20270311T180000Z"), "18:00 in London in March (before summer time) is 18:00 UTC")

            // A new charter version hides the content again until re-accepted.
            try await sarah.get(SiteURL.communityCharter(slug).path)
            try await sarah.post(SiteURL.communityCharter(slug).path, ["charter": "# Charter v2\n\nWe also meet in person."])
            let hidden = try await megan.get(SiteURL.community(slug).path)
            XCTAssertEqual(hidden.location, SiteURL.communityCharter(slug).path)
            let v2 = try await megan.get(SiteURL.communityCharter(slug).path)
            XCTAssertTrue(v2.body.string.contains("The charter has changed"))
        }
    }

    func testOperatorWhoIsNotAMemberSeesFiguresNeverContent() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let facilitator = try await Seed.person(app, email: "sarah@bakery.example", organisation: firm, role: .admin)
            let community = try await Seed.community(app, facilitator: facilitator, firms: [firm])
            _ = try await Seed.event(app, in: community, title: "Secret strategy meeting")
            try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let op = TestBrowser(app)
            try await op.signIn("op@shieldwall.example")
            let home = try await op.get(SiteURL.community(community.slug).path)
            XCTAssertEqual(home.location, SiteURL.communityHealth(community.slug).path)
            let health = try await op.get(SiteURL.communityHealth(community.slug).path)
            XCTAssertEqual(health.status, .ok)
            XCTAssertTrue(health.body.string.contains("1 / 9"), "one member firm of nine")
            XCTAssertFalse(health.body.string.contains("Hartley"), "no member names")
            for path in [SiteURL.communityEvents(community.slug).path, SiteURL.communityCharter(community.slug).path] {
                let response = try await op.get(path)
                XCTAssertFalse(response.body.string.contains("Secret strategy meeting"), path)
            }
            let events = try await op.get(SiteURL.communityEvents(community.slug).path)
            XCTAssertEqual(events.status, .notFound)
            let list = try await op.get(SiteURL.operatorCommunities.path)
            XCTAssertTrue(list.body.string.contains(community.name))
            XCTAssertFalse(list.body.string.contains("Secret strategy meeting"))
        }
    }

    func testBadInputIsRefusedClearlyAndChangesNothing() async throws {
        try await withApp { world in
            let app = world.app
            let firmA = try await Seed.organisation(app, name: "Firm A")
            let firmB = try await Seed.organisation(app, name: "Firm B")
            let facilitator = try await Seed.person(app, email: "fac@a.example", organisation: firmA, role: .admin)
            let adminB = try await Seed.person(app, email: "admin@b.example", organisation: firmB, role: .admin)
            let community = try await Seed.community(app, facilitator: facilitator, firms: [firmA])
            let unlisted = try await Seed.community(app, name: "Quiet Circle", facilitator: facilitator, listed: false)
            let slug = community.slug
            let fac = TestBrowser(app)
            try await fac.signIn("fac@a.example")

            try await fac.get(SiteURL.community(slug).path)
            let unknown = try await fac.post(SiteURL.communityInvitations(slug).path, ["organisation": UUID().uuidString])
            XCTAssertTrue(unknown.body.string.contains("That organisation does not exist."))
            let member = try await fac.post(SiteURL.communityInvitations(slug).path, ["organisation": try firmA.requireID().uuidString])
            XCTAssertTrue(member.body.string.contains("already a member"))

            // An expired invitation cannot be accepted.
            _ = try await fac.post(SiteURL.communityInvitations(slug).path, ["organisation": try firmB.requireID().uuidString])
            world.time.advance(by: 31 * 86400)
            try await fac.signIn("fac@a.example")  // a month later: signed out meanwhile
            let b = TestBrowser(app)
            try await b.signIn("admin@b.example")
            let invitation = try await CommunityInvitation.query(on: app.db).firstOrFail()
            let expired = try await b.post(SiteURL.communityInvitationAnswer(try invitation.requireID()).path, ["answer": "accept"])
            XCTAssertEqual(expired.status, .conflict)
            XCTAssertTrue(expired.body.string.contains("This invitation has expired."))
            var memberships = try await CommunityOrganisation.query(on: app.db).filter(\.$organisation.$id == firmB.requireID()).count()
            XCTAssertEqual(memberships, 0)

            // Join requests only to listed communities.
            try await b.get(SiteURL.communities.path)
            let toUnlisted = try await b.post(SiteURL.communityJoin(unlisted.slug).path, ["reason": "We are shops too"])
            XCTAssertEqual(toUnlisted.status, .notFound)
            let noReason = try await b.post(SiteURL.communityJoin(slug).path, ["reason": " "])
            XCTAssertEqual(noReason.status, .unprocessableEntity)
            let asked = try await b.post(SiteURL.communityJoin(slug).path, ["reason": "We are a shop in Leeds"])
            XCTAssertEqual(asked.status, .seeOther)
            let request = try await JoinRequest.query(on: app.db).firstOrFail()
            try await fac.get(SiteURL.community(slug).path)
            let declineWithout = try await fac.post(SiteURL.communityJoinRequestDecision(slug, try request.requireID()).path, ["decision": "decline"])
            XCTAssertTrue(declineWithout.body.string.contains("Please say why"), "\(declineWithout.status) \(declineWithout.body.string.suffix(800))")
            try await fac.post(SiteURL.communityJoinRequestDecision(slug, try request.requireID()).path, ["decision": "approve"])
            memberships = try await CommunityOrganisation.query(on: app.db).filter(\.$organisation.$id == firmB.requireID()).count()
            XCTAssertEqual(memberships, 1)

            // Events: ending before starting, and capacity.
            try await fac.get(SiteURL.communityEventNew(slug).path)
            let backwards = try await fac.post(SiteURL.communityEvents(slug).path, [
                "kind": "webinar", "title": "Backups", "starts": "2027-03-01T18:00", "ends": "2027-03-01T17:00", "time_zone": "Europe/London"])
            XCTAssertEqual(backwards.status, .unprocessableEntity)
            XCTAssertTrue(backwards.body.string.contains("The event must end after it starts."))
            let badZone = try await fac.post(SiteURL.communityEvents(slug).path, [
                "kind": "webinar", "title": "Backups", "starts": "2027-03-01T18:00", "ends": "2027-03-01T19:00", "time_zone": "Mars/Olympus"])
            XCTAssertTrue(badZone.body.string.contains("Not a time zone we know"))
            let small = try await Seed.event(app, in: community, capacity: 1)
            try await fac.get(SiteURL.communityEvent(slug, try small.requireID()).path)
            try await fac.post(SiteURL.communityEventRSVP(slug, try small.requireID()).path, ["answer": "going"])
            try await Seed.acceptCharter(app, community, by: adminB)
            try await b.get(SiteURL.communityEvent(slug, try small.requireID()).path)
            let full = try await b.post(SiteURL.communityEventRSVP(slug, try small.requireID()).path, ["answer": "going"])
            XCTAssertEqual(full.status, .unprocessableEntity)
            XCTAssertTrue(full.body.string.contains("This event is full (1 places)."))
            let maybe = try await b.post(SiteURL.communityEventRSVP(slug, try small.requireID()).path, ["answer": "maybe"])
            XCTAssertEqual(maybe.status, .seeOther, "maybe is always possible")

            // Only the facilitator edits the charter.
            let edit = try await b.post(SiteURL.communityCharter(slug).path, ["charter": "# Mine now"])
            XCTAssertEqual(edit.status, .forbidden)
            let current = try await Community.find(community.id, on: app.db)
            XCTAssertEqual(current?.charterVersion, 1)
        }
    }
}
