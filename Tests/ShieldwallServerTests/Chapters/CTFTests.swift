import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A public capture-the-flag: the organiser adds challenges (flags kept as digests); a visitor registers, confirms
/// and plays; wrong flags are limited; the scoreboard moves; write-ups open after the end.
final class CTFTests: XCTestCase {
    func testAVisitorPlaysAndTheScoreboardMovesAndWriteUpsOpenAfterTheEnd() async throws {
        try await withApp { world in
            let app = world.app, c = try await ChapterWorld.make(app)
            let event = try await c.publicEvent(app, title: "CTF night", kind: .ctf, startsIn: 86_400, hours: 3)
            let eventID = try event.requireID()
            let admin = SiteURL.communityChapterEvent(c.slug, eventID).path
            _ = try await c.facilitator.get(admin)
            let badHints = try await c.facilitator.post(SiteURL.communityChapterChallenges(c.slug, eventID).path, pairs: [
                ("title", "Spot the fake invoice"), ("category", "phishing"), ("description", "Which bank details changed?"), ("points", "100"),
                ("flag", "flag{sort-code-40-11-62}"), ("hints", "25 | Compare with last month\nfree hint"), ("writeup", ""),
            ])
            XCTAssertEqual(badHints.status, .unprocessableEntity)
            XCTAssertTrue(badHints.body.string.contains("Line 2"), badHints.body.string)
            expectEqual(try await CTFChallenge.query(on: app.db).count(), 0, "nothing half-written")
            let added = try await c.facilitator.post(SiteURL.communityChapterChallenges(c.slug, eventID).path, pairs: [
                ("title", "Spot the fake invoice"), ("category", "phishing"), ("description", "Which bank details changed?"), ("points", "100"),
                ("flag", "flag{sort-code-40-11-62}"), ("hints", "25 | Compare with last month's invoice"),
                ("writeup", "The sort code changed. <script>alert(1)</script> [x](javascript:alert(1))"),
            ])
            XCTAssertEqual(added.status, .seeOther, added.body.string)

            let (ada, token) = try await c.register(world, event, name: "Ada Visitor", email: "ada@visitor.example", handle: "ada_l")
            _ = try await ada.get(SiteURL.registrationConfirm(token).path)
            let ctf = SiteURL.chapterCTF(c.slug, eventID).path
            let before = try await ada.get(ctf)
            XCTAssertTrue(before.body.string.contains("The challenges open when the event starts."), before.body.string)
            XCTAssertFalse(before.body.string.contains("Which bank details changed?"))

            world.time.advance(by: 86_400 + 60)
            try await c.facilitator.signIn("fac@chapter.example")
            let running = try await ada.get(ctf)
            XCTAssertTrue(running.body.string.contains("You are playing as ada_l."), running.body.string)
            XCTAssertTrue(running.body.string.contains("Which bank details changed?"))
            let stranger = TestBrowser(app)
            let strangerView = try await stranger.get(ctf).body.string
            XCTAssertFalse(strangerView.contains("Which bank details changed?"), "not to someone who does not play")
            let challenge = try await CTFChallenge.query(on: app.db).first()
            let challengeID = try XCTUnwrap(challenge?.id).uuidString
            XCTAssertFalse(running.body.string.contains(try XCTUnwrap(challenge?.flagDigest)), "the flag's digest never leaves the server")

            let wrong = try await ada.post(SiteURL.chapterCTFFlag(c.slug, eventID).path, pairs: [("challenge", challengeID), ("flag", "flag{guess}")])
            XCTAssertEqual(wrong.status, .seeOther)
            expectTrue(try await ada.get(ctf).body.string.contains("Not the flag."))
            let hintRow = try await CTFHint.query(on: app.db).first()
            let hint = try XCTUnwrap(hintRow?.id)
            _ = try await ada.post(SiteURL.chapterCTFHint(c.slug, eventID).path, pairs: [("hint", hint.uuidString)])
            let withHint = try await ada.get(ctf)
            XCTAssertTrue(withHint.body.string.contains("Compare with last month&#39;s invoice") || withHint.body.string.contains("Compare with last month's invoice"))
            let right = try await ada.post(SiteURL.chapterCTFFlag(c.slug, eventID).path, pairs: [("challenge", challengeID), ("flag", " flag{sort-code-40-11-62} ")])
            XCTAssertEqual(right.status, .seeOther)
            let board = try await stranger.get(ctf).body.string
            XCTAssertTrue(board.contains(">ada_l</td><td data-label=\"Score\">75</td>"), board)
            XCTAssertTrue(board.contains("First: ada_l.") == false, "challenge details stay hidden from non-players while it runs")

            // Brute force: ten wrong flags in a minute, then 429 and an audit line.
            let member = c.member
            try await member.signIn("owner@bytes.example")
            _ = try await member.get(ctf)
            expectEqual(try await member.post(SiteURL.chapterCTFJoin(c.slug, eventID).path, pairs: [("handle", "Ada_L")]).status, .unprocessableEntity,
                           "a handle is unique whatever its case")
            expectEqual(try await member.post(SiteURL.chapterCTFJoin(c.slug, eventID).path, pairs: [("handle", "olu")]).status, .seeOther)
            for n in 0..<10 {
                _ = try await member.get(ctf)
                expectEqual(try await member.post(SiteURL.chapterCTFFlag(c.slug, eventID).path, pairs: [("challenge", challengeID), ("flag", "flag{\(n)}")]).status, .seeOther)
            }
            _ = try await member.get(ctf)
            let limited = try await member.post(SiteURL.chapterCTFFlag(c.slug, eventID).path, pairs: [("challenge", challengeID), ("flag", "flag{sort-code-40-11-62}")])
            XCTAssertEqual(limited.status, .tooManyRequests)
            XCTAssertNotNil(limited.headers.first(name: "Retry-After"))
            expectEqual(try await AuditEvent.query(on: app.db).filter(\.$kind == .flagThrottled).count(), 1)

            // After the end: no more flags; the challenges and the write-up (inert) for everyone.
            world.time.advance(by: 3 * 3600)
            let after = try await stranger.get(ctf).body.string
            XCTAssertTrue(after.contains("Which bank details changed?") && after.contains("The sort code changed."), after)
            XCTAssertFalse(after.contains("<script>alert(1)</script>"))
            XCTAssertFalse(after.contains("href=\"javascript:"))
            XCTAssertTrue(after.contains("First: ada_l."))
            try await ada.get(ctf)
            let late = try await ada.post(SiteURL.chapterCTFFlag(c.slug, eventID).path, pairs: [("challenge", challengeID), ("flag", "flag{x}")])
            XCTAssertEqual(late.status, .forbidden)
        }
    }

    func testTeammatesShareSolvesAndHintsAndTeamsStayFixedOnceTheyScore() async throws {
        try await withApp { world in
            let app = world.app, c = try await ChapterWorld.make(app)
            let event = try await c.publicEvent(app, title: "Team CTF", kind: .ctf, startsIn: 3600, hours: 3)
            let eventID = try event.requireID()
            _ = try await c.facilitator.get(SiteURL.communityChapterEvent(c.slug, eventID).path)
            _ = try await c.facilitator.post(SiteURL.communityChapterChallenges(c.slug, eventID).path, pairs: [
                ("title", "Headers"), ("category", "phishing"), ("description", "Find the sender."), ("points", "100"),
                ("flag", "flag{return-path}"), ("hints", "30 | Show the original"), ("writeup", ""),
            ])
            let ctf = SiteURL.chapterCTF(c.slug, eventID).path, team = SiteURL.chapterCTFTeam(c.slug, eventID).path
            var players: [TestBrowser] = []
            for (index, name) in ["ann", "bob", "cy", "di", "ed"].enumerated() {
                let browser: TestBrowser
                if index < VisitorRules.perEventPerAddressPerDay {
                    let (visitor, token) = try await c.register(world, event, name: name, email: "\(name)@visitor.example", handle: name)
                    _ = try await visitor.get(SiteURL.registrationConfirm(token).path)
                    browser = visitor
                } else {  // people of the chapter join from their accounts
                    browser = index == 3 ? c.member : try await c.individual(app, email: "ed@student.example", name: "Ed").0
                    _ = try await browser.get(ctf)
                    expectEqual(try await browser.post(SiteURL.chapterCTFJoin(c.slug, eventID).path, pairs: [("handle", name)]).status, .seeOther)
                }
                _ = try await browser.get(ctf)
                let spelled = index == 1 ? " red KITES " : "Red Kites"
                let joined = try await browser.post(team, pairs: [("team", spelled)])
                if index < CTFTeams.maxSize {
                    XCTAssertEqual(joined.status, .seeOther, joined.body.string)
                } else {
                    XCTAssertEqual(joined.status, .unprocessableEntity)
                    XCTAssertTrue(joined.body.string.contains("has 4 players already"), joined.body.string)
                }
                players.append(browser)
            }
            let (ann, bob, ed) = (players[0], players[1], players[4])
            world.time.advance(by: 3700)
            let challenge = try await CTFChallenge.query(on: app.db).first()
            let challengeID = try XCTUnwrap(challenge?.id).uuidString
            let hintRow = try await CTFHint.query(on: app.db).first()
            _ = try await ann.get(ctf)
            _ = try await ann.post(SiteURL.chapterCTFHint(c.slug, eventID).path, pairs: [("hint", try XCTUnwrap(hintRow?.id).uuidString)])
            expectTrue(try await bob.get(ctf).body.string.contains("Show the original"), "a hint one opens is open for the team")
            _ = try await bob.post(SiteURL.chapterCTFFlag(c.slug, eventID).path, pairs: [("challenge", challengeID), ("flag", "flag{return-path}")])
            _ = try await ann.get(ctf)
            let again = try await ann.post(SiteURL.chapterCTFFlag(c.slug, eventID).path, pairs: [("challenge", challengeID), ("flag", "flag{return-path}")])
            XCTAssertEqual(again.status, .unprocessableEntity, "the team solved it already")
            try await ed.signIn("ed@student.example")
            _ = try await ed.get(ctf)
            let edFlag = try await ed.post(SiteURL.chapterCTFFlag(c.slug, eventID).path, pairs: [("challenge", challengeID), ("flag", "flag{return-path}")])
            XCTAssertEqual(edFlag.status, .seeOther, edFlag.body.string)

            let board = try await TestBrowser(app).get(ctf).body.string
            XCTAssertTrue(board.contains(">Red Kites (ann, bob, cy, di)</td><td data-label=\"Score\">70</td>"), board)
            XCTAssertTrue(board.contains(">ed</td><td data-label=\"Score\">100</td>"), "ed plays alone and ranks first: " + board)
            _ = try await ann.get(ctf)
            let leave = try await ann.post(team, pairs: [("team", "")])
            XCTAssertEqual(leave.status, .unprocessableEntity)
            XCTAssertTrue(leave.body.string.contains("points do not move between teams"), leave.body.string)
        }
    }
}
