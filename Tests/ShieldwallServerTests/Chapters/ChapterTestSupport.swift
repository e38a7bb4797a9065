import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A city chapter with a facilitator (signed in), a member firm, a published page and events, for the chapter tests.
struct ChapterWorld {
    let chapter: Community
    let slug: String
    let facilitator: TestBrowser
    let facilitatorPerson: Person
    let member: TestBrowser
    let firm: Organisation

    static func make(_ app: Application, published: Bool = true) async throws -> ChapterWorld {
        let firm = try await Seed.organisation(app, name: "Bletchley Bytes")
        let owner = try await Seed.person(app, email: "owner@bytes.example", name: "Olu Owner", organisation: firm, role: .admin)
        let facilitator = try await Seed.person(app, email: "fac@chapter.example", name: "Fay Facilitator")
        let chapter = try await Seed.community(app, name: "Milton Keynes Cyber Chapter", facilitator: facilitator, firms: [firm])
        chapter.kind = .cityChapter
        try await chapter.update(on: app.db)
        try await Seed.acceptCharter(app, chapter, by: owner)
        let world = ChapterWorld(chapter: chapter, slug: chapter.slug, facilitator: try await TestBrowser.signedIn(app, "fac@chapter.example"),
                                 facilitatorPerson: facilitator, member: try await TestBrowser.signedIn(app, "owner@bytes.example"), firm: firm)
        if published {
            _ = try await world.facilitator.get(SiteURL.communityChapter(world.slug).path)
            let saved = try await world.facilitator.post(SiteURL.communityChapter(world.slug).path,
                                                          pairs: [("about", "# Milton Keynes Cyber Chapter\n\nFor everyone in the city."), ("published", "true")])
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
        }
        return world
    }

    /// An event in the chapter's calendar, made public through the facilitator's form.
    func publicEvent(_ app: Application, title: String, kind: CommunityEvent.Kind = .workshop, startsIn: TimeInterval = 7 * 86_400,
                     hours: Double = 2, capacity: Int? = nil) async throws -> CommunityEvent {
        let event = try await Seed.event(app, in: chapter, title: title, startsIn: startsIn, capacity: capacity)
        event.kind = kind
        event.endsAt = event.startsAt.addingTimeInterval(hours * 3600)
        try await event.update(on: app.db)
        _ = try await facilitator.get(SiteURL.communityChapter(slug).path)
        let listed = try await facilitator.post(SiteURL.communityChapterListing(slug).path,
                                                pairs: [("event", try event.requireID().uuidString), ("listing", "public"), ("host", ""), ("materials", "")])
        XCTAssertEqual(listed.status, .seeOther, listed.body.string)
        return event
    }

    /// A visitor registers from the event's page; returns their browser and the secret of the link mailed to them.
    func register(_ world: TestWorld, _ event: CommunityEvent, name: String, email: String, handle: String? = nil,
                  keepInTouch: Bool = false) async throws -> (TestBrowser, String) {
        let visitor = TestBrowser(world.app)
        let path = SiteURL.chapterEvent(slug, try event.requireID()).path
        _ = try await visitor.get(path)
        var form = [("name", name), ("email", email)]
        if let handle { form.append(("handle", handle)) }
        if keepInTouch { form.append(("keep_in_touch", "true")) }
        let posted = try await visitor.post(path, pairs: form)
        XCTAssertEqual(posted.status, .seeOther, posted.body.string)
        let mail = try XCTUnwrap(world.mailer.sent.last { $0.to == email })
        let token = try XCTUnwrap(Self.token(in: mail.body), mail.body)
        return (visitor, token)
    }

    /// Someone who takes part in the chapter on their own (a student, a volunteer), charter accepted, signed in.
    func individual(_ app: Application, email: String, name: String, role: CommunityRole = .member) async throws -> (TestBrowser, Person) {
        let person = try await Seed.person(app, email: email, name: name)
        try await CommunityPerson(communityID: try chapter.requireID(), personID: try person.requireID(), role: role,
                                  joinedAt: app.shieldwall.time.now).create(on: app.db)
        try await Seed.acceptCharter(app, chapter, by: person)
        return (try await TestBrowser.signedIn(app, email), person)
    }

    static func token(in body: String) -> String? {
        guard let range = body.range(of: #"/registrations/[A-Za-z0-9_-]+/confirm"#, options: .regularExpression) else { return nil }
        return String(body[range].dropFirst("/registrations/".count).dropLast("/confirm".count))
    }
}
