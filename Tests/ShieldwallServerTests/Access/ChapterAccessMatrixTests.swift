import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for chapters: a published page and its public events for everyone, signed in or not; an unpublished
/// one and members-only events for the chapter's people only; registrations and challenges for its facilitator; the
/// visitors' names and addresses never shown to anyone else; flags never shown at all.
final class ChapterAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable { case signedOut, outsider, `operator`, member, facilitator }

    struct World {
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
        let slug: String
        let hiddenSlug: String
        let workshop: UUID
        let ctf: UUID
        let membersOnly: UUID
    }

    static let visitorEmail = "private.visitor@example.org"

    func makeWorld(_ world: TestWorld) async throws -> World {
        let app = world.app
        let c = try await ChapterWorld.make(app)
        let outsiderFirm = try await Seed.organisation(app, name: "Elsewhere Ltd")
        let workshop = try await c.publicEvent(app, title: "Workshop", capacity: 10)
        let ctf = try await c.publicEvent(app, title: "CTF night", kind: .ctf)
        _ = try await c.facilitator.get(SiteURL.communityChapterEvent(c.slug, try ctf.requireID()).path)
        _ = try await c.facilitator.post(SiteURL.communityChapterChallenges(c.slug, try ctf.requireID()).path, pairs: [
            ("title", "Warm-up"), ("category", "osint"), ("description", "Secret challenge text"), ("points", "50"), ("flag", "flag{warm}"),
            ("hints", ""), ("writeup", "Secret write-up"),
        ])
        let (_, token) = try await c.register(world, workshop, name: "Private Visitor", email: Self.visitorEmail)
        _ = try await TestBrowser(app).get(SiteURL.registrationConfirm(token).path)
        let membersOnly = try await Seed.event(app, in: c.chapter, title: "Members' meeting")
        let hiddenFacilitator = try await Seed.person(app, email: "fac2@chapter.example")
        let hidden = try await Seed.community(app, name: "Unpublished Chapter", facilitator: hiddenFacilitator)
        hidden.kind = .cityChapter
        try await hidden.update(on: app.db)
        let owner = try await Person.query(on: app.db).filter(\.$email == "owner@bytes.example").first()
        let people: [Role: Person] = [
            .outsider: try await Seed.person(app, email: "admin@elsewhere.example", organisation: outsiderFirm, role: .admin),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
            .member: try XCTUnwrap(owner),
            .facilitator: c.facilitatorPerson,
        ]
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        return World(browsers: browsers, tokens: tokens, slug: c.slug, hiddenSlug: hidden.slug, workshop: try workshop.requireID(),
                     ctf: try ctf.requireID(), membersOnly: try membersOnly.requireID())
    }

    static func all(_ status: HTTPStatus) -> [Role: HTTPStatus] { Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, status) }) }

    static func only(_ allowed: [Role: HTTPStatus], otherwise: HTTPStatus = .notFound, signedOut: HTTPStatus = .seeOther) -> [Role: HTTPStatus] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0 == .signedOut ? signedOut : allowed[$0] ?? otherwise) })
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world)
            let rows: [AccessMatrix.PageRow<Role>] = [
                ("GET", SiteURL.chapter(w.slug).path, [], Self.all(.ok)),
                ("GET", SiteURL.chapterEvent(w.slug, w.workshop).path, [], Self.all(.ok)),
                ("GET", SiteURL.chapterEventICS(w.slug, w.workshop).path, [], Self.all(.ok)),
                // Members-only events live in the community's calendar, never under the public address.
                ("GET", SiteURL.chapterEvent(w.slug, w.membersOnly).path, [], Self.all(.notFound)),
                ("GET", SiteURL.chapterCTF(w.slug, w.ctf).path, [], Self.all(.ok)),
                ("GET", SiteURL.chapter(w.hiddenSlug).path, [], Self.only([:], signedOut: .notFound)),
                ("GET", SiteURL.communityChapter(w.slug).path, [], Self.only([.facilitator: .ok, .member: .forbidden])),
                ("POST", SiteURL.communityChapter(w.slug).path, [("about", "Changed"), ("published", "true")],
                 Self.only([.facilitator: .seeOther, .member: .forbidden])),
                ("GET", SiteURL.communityChapterEvent(w.slug, w.workshop).path, [], Self.only([.facilitator: .ok, .member: .forbidden])),
                ("POST", SiteURL.communityChapterChallenges(w.slug, w.ctf).path, [("title", "")],
                 Self.only([.facilitator: .unprocessableEntity, .member: .forbidden])),
                ("POST", SiteURL.chapterCTFJoin(w.slug, w.ctf).path, [("handle", "someone")],
                 Self.only([.member: .seeOther, .facilitator: .unprocessableEntity])),  // the member took the handle first
                ("POST", SiteURL.chapterCTFFlag(w.slug, w.ctf).path, [("challenge", UUID().uuidString), ("flag", "x")],
                 Self.only([.member: .unprocessableEntity], otherwise: .forbidden, signedOut: .forbidden)),  // only the member plays
                ("POST", SiteURL.chapterCTFTeam(w.slug, w.ctf).path, [("team", "Bytes")],
                 Self.only([.member: .seeOther], otherwise: .forbidden, signedOut: .forbidden)),  // players only
            ]
            try await AccessMatrix.pages(rows, roles: Role.allCases, browsers: w.browsers, signedOut: .signedOut) { role, path, response in
                let body = response.body.string
                XCTAssertFalse(body.contains("flag{warm}"), "\(role) at \(path)")
                if role != .facilitator {
                    XCTAssertFalse(body.contains(Self.visitorEmail), "\(role) at \(path)")
                    XCTAssertFalse(body.contains("Secret challenge text") || body.contains("Secret write-up"), "before the start: \(role) at \(path)")
                }
            }
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world)
            let challenge = #"{"title":"Two","category":"web","description":"Find it","points":100,"flag":"flag{two}","hints":[{"cost":10,"text":"Look"}]}"#
            let rows: [AccessMatrix.APIRow<Role>] = [
                (.GET, "/chapters/\(w.slug)", nil, Self.all(.ok)),
                (.GET, "/chapters/\(w.hiddenSlug)", nil, Self.all(.notFound)),
                (.GET, "/chapters/\(w.slug)/events/\(w.ctf)/scoreboard", nil, Self.all(.ok)),
                (.GET, "/chapters/\(w.slug)/events/\(w.workshop)/scoreboard", nil, Self.all(.notFound)),
                (.GET, "/communities/\(w.slug)/chapter/events/\(w.workshop)/registrations", nil,
                 Self.only([.facilitator: .ok, .member: .forbidden], signedOut: .unauthorized)),
                (.POST, "/communities/\(w.slug)/chapter/events/\(w.ctf)/challenges", challenge,
                 Self.only([.facilitator: .created, .member: .forbidden], signedOut: .unauthorized)),
                (.POST, "/communities/\(w.slug)/chapter/events/\(w.workshop)/challenges", challenge,
                 Self.only([.facilitator: .unprocessableEntity, .member: .forbidden], signedOut: .unauthorized)),
                (.GET, "/communities/\(w.slug)/mentoring", nil, Self.only([.facilitator: .ok, .member: .ok], signedOut: .unauthorized)),
                // Profiles for people of member firms: the facilitator (no firm in the chapter) knows the chapter, so 403.
                (.GET, "/communities/\(w.slug)/talent/profiles", nil, Self.only([.member: .ok, .facilitator: .forbidden], signedOut: .unauthorized)),
                (.GET, "/communities/\(w.slug)/talent/openings", nil, Self.only([.facilitator: .ok, .member: .ok], signedOut: .unauthorized)),
                (.GET, "/communities/\(w.slug)/labs", nil, Self.only([.facilitator: .ok, .member: .ok], signedOut: .unauthorized)),
                (.GET, "/communities/\(w.hiddenSlug)/labs", nil, Self.only([:], signedOut: .unauthorized)),
            ]
            try await AccessMatrix.api(world.app, rows, roles: Role.allCases, tokens: w.tokens) { role, path, response in
                if role != .facilitator { XCTAssertFalse(response.body.string.contains(Self.visitorEmail), "\(role) at \(path)") }
                XCTAssertFalse(response.body.string.contains("flag{"), "\(role) at \(path)")
            }
        }
    }

    /// Mentoring notes for the pair only (the facilitator sees counts); talent profiles for people of member firms;
    /// labs for the chapter's people, written by its facilitator and experts.
    func testMentoringTalentAndLabsByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world)
            let app = world.app
            guard let chapter = try await Community.query(on: app.db).filter(\.$slug == w.slug).first(),
                  let member = try await Person.query(on: app.db).filter(\.$email == "owner@bytes.example").first()
            else { return XCTFail("no chapter") }
            let c = ChapterWorld(chapter: chapter, slug: w.slug, facilitator: try XCTUnwrap(w.browsers[.facilitator]), facilitatorPerson: member,
                                 member: try XCTUnwrap(w.browsers[.member]), firm: Organisation())
            let (mentorBrowser, mentor) = try await c.individual(app, email: "mentor@experts.example", name: "Mia Mentor", role: .expert)
            let pair = Mentorship()
            pair.$community.id = try chapter.requireID()
            pair.$mentor.id = try mentor.requireID()
            pair.$mentee.id = try member.requireID()
            pair.goals = "Private goals of the pair"
            pair.startedAt = world.time.now
            try await pair.create(on: app.db)
            let (student, _) = try await c.individual(app, email: "student@uni.example", name: "Stu Dent")
            _ = try await student.get(SiteURL.communityTalent(w.slug).path)
            let saved = try await student.post(SiteURL.communityTalentProfile(w.slug).path, pairs: [
                ("headline", "Forensics student"), ("skills", "Secret skills list"), ("availability", "Weekends"), ("links", ""), ("published", "true"),
            ])
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            _ = try await mentorBrowser.get(SiteURL.communityLabs(w.slug).path)
            let lab = try await mentorBrowser.post(SiteURL.communityLabs(w.slug).path, pairs: [
                ("title", "First lab"), ("summary", "Try it"), ("script", "## One\nDo it.\nAnswer: lab-answer-secret"),
            ])
            XCTAssertEqual(lab.status, .seeOther, lab.body.string)
            let written = try await Lab.query(on: app.db).first()
            let labID = try XCTUnwrap(written).requireID()
            let pairID = try pair.requireID()
            let firstStep = try await LabStep.query(on: app.db).filter(\.$lab.$id == labID).first()
            let stepID = try XCTUnwrap(firstStep).requireID()

            let rows: [AccessMatrix.PageRow<Role>] = [
                ("GET", SiteURL.communityMentoring(w.slug).path, [], Self.only([.member: .ok, .facilitator: .ok])),
                ("GET", SiteURL.mentorship(w.slug, pairID).path, [], Self.only([.member: .ok])),
                ("POST", SiteURL.communityMentoringRequestWithdraw(w.slug).path, [], Self.only([.member: .seeOther, .facilitator: .seeOther])),
                ("POST", SiteURL.communityMentoringOffer(w.slug).path, [("topics", "")],
                 Self.only([.member: .unprocessableEntity, .facilitator: .unprocessableEntity])),
                ("POST", SiteURL.communityMentoringRequest(w.slug).path, [("goals", "")],
                 Self.only([.member: .unprocessableEntity, .facilitator: .unprocessableEntity])),
                ("POST", SiteURL.communityMentoringPairs(w.slug).path, [("request", UUID().uuidString)],
                 Self.only([.member: .unprocessableEntity, .facilitator: .unprocessableEntity])),
                ("POST", SiteURL.mentorshipMeetings(w.slug, pairID).path, [("heldOn", ""), ("notes", "")], Self.only([.member: .unprocessableEntity])),
                ("POST", SiteURL.mentorshipEnd(w.slug, pairID).path, [], Self.only([.member: .seeOther])),
                ("GET", SiteURL.communityTalent(w.slug).path, [], Self.only([.member: .ok, .facilitator: .ok])),
                ("POST", SiteURL.communityTalentProfile(w.slug).path, [("headline", "")],
                 Self.only([.member: .unprocessableEntity, .facilitator: .unprocessableEntity])),
                ("POST", SiteURL.communityTalentWithdraw(w.slug).path, [], Self.only([.member: .seeOther, .facilitator: .seeOther])),
                ("POST", SiteURL.communityTalentOpeningClose(w.slug, UUID()).path, [], Self.only([:])),
                ("POST", SiteURL.communityTalentOpenings(w.slug).path, [("title", "")],
                 Self.only([.member: .unprocessableEntity, .facilitator: .forbidden])),
                ("GET", SiteURL.communityLabs(w.slug).path, [], Self.only([.member: .ok, .facilitator: .ok])),
                ("POST", SiteURL.communityLabs(w.slug).path, [("title", "")], Self.only([.member: .forbidden, .facilitator: .unprocessableEntity])),
                ("GET", SiteURL.communityLab(w.slug, labID).path, [], Self.only([.member: .ok, .facilitator: .ok])),
                ("POST", SiteURL.communityLabStep(w.slug, labID).path, [("step", stepID.uuidString), ("answer", "wrong")],
                 Self.only([.member: .unprocessableEntity, .facilitator: .unprocessableEntity])),
                ("POST", SiteURL.communityLabWithdraw(w.slug, labID).path, [], Self.only([.member: .forbidden, .facilitator: .seeOther])),
            ]
            try await AccessMatrix.pages(rows, roles: Role.allCases, browsers: w.browsers, signedOut: .signedOut) { role, path, response in
                let body = response.body.string
                XCTAssertFalse(body.contains("lab-answer-secret"), "\(role) at \(path)")
                if role != .member {
                    XCTAssertFalse(body.contains("Private goals of the pair"), "\(role) at \(path)")
                    XCTAssertFalse(body.contains("Secret skills list"), "\(role) at \(path)")
                }
            }
        }
    }
}
