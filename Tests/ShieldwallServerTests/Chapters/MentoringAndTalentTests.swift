import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Mentoring (offer, ask, suggestions by topic, pairing, the pair's private record, ending) and the talent pool
/// (profiles for member firms only, links checked, withdrawn at once; openings posted by firm admins).
final class MentoringAndTalentTests: XCTestCase {
    func testANewcomerChoosesASuggestedMentorAndOnlyThePairReadsTheirNotes() async throws {
        try await withApp { world in
            let app = world.app, c = try await ChapterWorld.make(app, published: false)
            let (mo, moPerson) = try await c.individual(app, email: "mo@mentors.example", name: "Mo Mentor", role: .expert)
            let (sam, _) = try await c.individual(app, email: "sam@student.example", name: "Sam Student")
            let page = SiteURL.communityMentoring(c.slug).path
            _ = try await mo.get(page)
            expectEqual(try await mo.post(SiteURL.communityMentoringOffer(c.slug).path, pairs: [("topics", "Careers, web"), ("capacity", "9"), ("active", "true")]).status,
                        .unprocessableEntity)
            expectEqual(try await mo.post(SiteURL.communityMentoringOffer(c.slug).path, pairs: [("topics", "Careers, web"), ("capacity", "1"), ("note", ""), ("active", "true")]).status,
                        .seeOther)

            _ = try await sam.get(page)
            expectEqual(try await sam.post(SiteURL.communityMentoringRequest(c.slug).path, pairs: [("goals", "Get a first job in a SOC"), ("topics", "web, osint")]).status,
                        .seeOther)
            let withSuggestion = try await sam.get(page).body.string
            XCTAssertTrue(withSuggestion.contains("Mo Mentor — shares web"), withSuggestion)
            let request = try await MenteeRequest.query(on: app.db).first()
            let chose = try await sam.post(SiteURL.communityMentoringPairs(c.slug).path,
                                           pairs: [("request", try XCTUnwrap(request?.id).uuidString), ("mentor", try moPerson.requireID().uuidString)])
            XCTAssertEqual(chose.status, .seeOther, chose.body.string)
            XCTAssertEqual(Set(world.mailer.sent.filter { $0.subject == "Your mentoring pair in Milton Keynes Cyber Chapter" }.map(\.to)),
                           ["mo@mentors.example", "sam@student.example"])
            let made = try await Mentorship.query(on: app.db).first()
            let pair = try XCTUnwrap(made).requireID()
            let pairPage = SiteURL.mentorship(c.slug, pair).path

            _ = try await mo.get(pairPage)
            let tomorrow = CalendarDay.string(world.time.now.addingTimeInterval(86_400))
            expectEqual(try await mo.post(SiteURL.mentorshipMeetings(c.slug, pair).path, pairs: [("heldOn", tomorrow), ("notes", "Too early")]).status,
                        .unprocessableEntity)
            expectEqual(try await mo.post(SiteURL.mentorshipMeetings(c.slug, pair).path,
                                          pairs: [("heldOn", CalendarDay.string(world.time.now)), ("notes", "Talked about home labs")]).status, .seeOther)
            expectTrue(try await sam.get(pairPage).body.string.contains("Talked about home labs"))
            // Nobody else reads it, the facilitator included; the chapter sees counts.
            expectEqual(try await c.facilitator.get(pairPage).status, .notFound)
            expectEqual(try await c.member.get(pairPage).status, .notFound)
            let counts = try await c.facilitator.get(page).body.string
            XCTAssertTrue(counts.contains("1 pairs running, 0 ended, 1 meetings recorded"), counts)
            XCTAssertFalse(counts.contains("Talked about home labs"))

            // Mo has no room left: the next newcomer cannot take him.
            _ = try await c.member.get(page)
            _ = try await c.member.post(SiteURL.communityMentoringRequest(c.slug).path, pairs: [("goals", "Secure our shop"), ("topics", "web")])
            let second = try await MenteeRequest.query(on: app.db).filter(\.$status == .open).first()
            let refused = try await c.member.post(SiteURL.communityMentoringPairs(c.slug).path,
                                                  pairs: [("request", try XCTUnwrap(second?.id).uuidString), ("mentor", try moPerson.requireID().uuidString)])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("no room just now"), refused.body.string)
            _ = try await c.member.get(page)
            expectEqual(try await c.member.post(SiteURL.communityMentoringRequestWithdraw(c.slug).path, [:]).status, .seeOther)
            expectEqual(try await MenteeRequest.query(on: app.db).filter(\.$status == .open).count(), 0, "taken back")
            _ = try await c.member.get(page)
            expectEqual(try await c.member.post(SiteURL.communityMentoringRequest(c.slug).path, pairs: [("goals", "Again"), ("topics", "web")]).status,
                        .seeOther, "and may ask again")

            _ = try await sam.get(pairPage)
            expectEqual(try await sam.post(SiteURL.mentorshipEnd(c.slug, pair).path, [:]).status, .seeOther)
            _ = try await mo.get(pairPage)
            expectEqual(try await mo.post(SiteURL.mentorshipMeetings(c.slug, pair).path,
                                          pairs: [("heldOn", CalendarDay.string(world.time.now)), ("notes", "After the end")]).status, .unprocessableEntity)
        }
    }

    func testTalentProfilesAreForMemberFirmsAndOpeningsForEveryone() async throws {
        try await withApp { world in
            let app = world.app, c = try await ChapterWorld.make(app, published: false)
            let (sam, _) = try await c.individual(app, email: "sam@student.example", name: "Sam Student")
            let talent = SiteURL.communityTalent(c.slug).path
            _ = try await sam.get(talent)
            let hostile = try await sam.post(SiteURL.communityTalentProfile(c.slug).path, pairs: [
                ("headline", "Computing student"), ("skills", "Python, Wireshark"), ("interests", ""), ("availability", "Summer 2027"),
                ("links", "https://github.com/sam\njavascript:alert(1)"), ("published", "true"),
            ])
            XCTAssertEqual(hostile.status, .unprocessableEntity)
            XCTAssertTrue(hostile.body.string.contains("Line 2"), hostile.body.string)
            expectEqual(try await TalentProfile.query(on: app.db).count(), 0, "nothing half-written")
            expectEqual(try await sam.post(SiteURL.communityTalentProfile(c.slug).path, pairs: [
                ("headline", "Computing student"), ("skills", "Python, Wireshark"), ("interests", "Blue team"), ("availability", "Summer 2027"),
                ("links", "https://github.com/sam"), ("published", "true"),
            ]).status, .seeOther)

            expectTrue(try await c.member.get(talent).body.string.contains("Sam Student — Computing student"), "a member firm sees the pool")
            let owner = try await Person.query(on: app.db).filter(\.$email == "owner@bytes.example").first()
            let token = try await Seed.token(app, for: try XCTUnwrap(owner))
            let api = try await app.api(.GET, "/communities/\(c.slug)/talent/profiles", token: token, json: nil)
            XCTAssertEqual(api.status, .ok)
            let profiles = try JSONDecoder().decode([ChapterPeopleAPI.ProfileDTO].self, from: Data(api.body.readableBytesView))
            XCTAssertEqual(profiles.map(\.headline), ["Computing student"])
            XCTAssertEqual(profiles.first?.links, ["https://github.com/sam"])
            let facilitatorView = try await c.facilitator.get(talent).body.string
            XCTAssertFalse(facilitatorView.contains("Computing student"), "someone without a member firm does not")
            expectEqual(try await TestBrowser(app).get(talent).status, .seeOther, "a visitor is sent to sign in")

            _ = try await c.member.get(talent)
            let past = CalendarDay.string(world.time.now.addingTimeInterval(-86_400))
            expectEqual(try await c.member.post(SiteURL.communityTalentOpenings(c.slug).path, pairs: [
                ("kind", "internship"), ("title", "Summer security intern"), ("description", "Help us run our patching."), ("link", ""), ("closesOn", past),
            ]).status, .unprocessableEntity)
            let closes = CalendarDay.string(world.time.now.addingTimeInterval(30 * 86_400))
            expectEqual(try await c.member.post(SiteURL.communityTalentOpenings(c.slug).path, pairs: [
                ("kind", "internship"), ("title", "Summer security intern"), ("description", "Help us run our patching."),
                ("link", "https://bytes.example/jobs"), ("closesOn", closes),
            ]).status, .seeOther)
            expectTrue(try await sam.get(talent).body.string.contains("Summer security intern"), "openings are for everyone in the chapter")
            _ = try await sam.get(talent)
            expectEqual(try await sam.post(SiteURL.communityTalentOpenings(c.slug).path, pairs: [
                ("kind", "internship"), ("title", "x"), ("description", "y"), ("link", ""), ("closesOn", closes),
            ]).status, .forbidden)

            _ = try await sam.get(talent)
            expectEqual(try await sam.post(SiteURL.communityTalentWithdraw(c.slug).path, [:]).status, .seeOther)
            expectEqual(try await TalentProfile.query(on: app.db).count(), 0, "withdrawn means deleted")
            expectTrue(!(try await c.member.get(talent).body.string.contains("Computing student")))
        }
    }
}
