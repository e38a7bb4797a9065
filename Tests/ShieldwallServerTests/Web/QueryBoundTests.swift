import Fluent
import Foundation
import XCTVapor
@testable import ShieldwallServer

/// Each main page runs a bounded number of database queries, counted by `QueryCountMiddleware`, on the demo's world;
/// and a list page runs the same number whether it shows a few rows or many (no query per row). Both engines.
final class QueryBoundTests: XCTestCase {
    static let circle = "/communities/leeds-bradford-micro-business-circle"

    func queries(_ browser: TestBrowser, _ path: String, file: StaticString = #filePath, line: UInt = #line) async throws -> Int {
        let response = try await browser.get(path)
        XCTAssertEqual(response.status, .ok, path, file: file, line: line)
        return Int(response.headers.first(name: QueryCountMiddleware.header) ?? "") ?? -1
    }

    func testMainPagesRunABoundedNumberOfQueries() async throws {
        try await withApp { world in
            let app = world.app
            app.pageCache = nil  // the bounds are on making pages; a kept page costs one query (`PageCacheTests`)
            app.pageCache = nil  // the bounds are on making pages; a kept page costs two (`PageCacheTests`)
            _ = try await DemoSeed.run(app: app)
            let busiest = try await ConversationThread.query(on: app.db).sort(\.$replyCount, .descending).first()
            let thread = try XCTUnwrap(busiest).requireID()
            let anyReport = try await ThreatReport.query(on: app.db).first()
            let report = try XCTUnwrap(anyReport).requireID()
            let bakeryAdmin = try await Person.query(on: app.db).filter(\.$email == "sarah@hartleys-bakery.example").first()
            let bakery = try XCTUnwrap(bakeryAdmin?.$organisation.id)
            let member = TestBrowser(app), facilitator = TestBrowser(app), expert = TestBrowser(app), op = TestBrowser(app), marcus = TestBrowser(app)
            try await marcus.signIn("marcus.boateng@experts.example", password: DemoSeed.password)
            let priya = TestBrowser(app), gary = TestBrowser(app)
            try await priya.signIn(DemoSeed.chapterLearners[0].email, password: DemoSeed.password)
            try await gary.signIn("gary@ridingsprint.example", password: DemoSeed.password)
            let firstPair = try await Mentorship.query(on: app.db).join(Person.self, on: \Mentorship.$mentor.$id == \Person.$id)
                .filter(Person.self, \.$email == "marcus.boateng@experts.example").first()
            let pair = try XCTUnwrap(firstPair).requireID()
            let anyLab = try await Lab.query(on: app.db).first()
            let lab = try XCTUnwrap(anyLab).requireID()
            let chapter = "/chapters/milton-keynes-cyber-chapter"
            let chapterEvents = try await PublicEvent.query(on: app.db).with(\.$event).all().map(\.event).sorted { $0.startsAt < $1.startsAt }
            let ctf = try XCTUnwrap(chapterEvents.first { $0.kind == .ctf }).requireID()
            let workshop = try XCTUnwrap(chapterEvents.last { $0.kind == .workshop }).requireID()
            try await member.signIn("lucia@cornercafe.example", password: DemoSeed.password)
            try await facilitator.signIn("sarah@hartleys-bakery.example", password: DemoSeed.password)
            try await expert.signIn("fiona.grant@experts.example", password: DemoSeed.password)
            try await op.signIn("operator@shieldwall.example", password: DemoSeed.password)
            let pages: [(role: String, browser: TestBrowser, path: String, bound: Int)] = [
                ("member", member, "/", 20),
                ("member", member, Self.circle, 11),
                ("member", member, Self.circle + "/discussions", 8),
                ("member", member, SiteURL.thread(thread).path, 13),
                ("member", member, Self.circle + "/threats", 16),
                ("member", member, SiteURL.report(report).path, 17),
                ("member", member, Self.circle + "/blocklist", 15),
                ("member", member, Self.circle + "/plan", 8),
                ("member", member, "/assessment", 7),
                ("member", member, "/actions", 6),
                ("member", member, "/notifications", 7),
                ("member", member, "/search?q=backup", 7),
                ("facilitator", facilitator, "/", 21),
                ("facilitator", facilitator, Self.circle, 16),
                ("facilitator", facilitator, Self.circle + "/health", 23),
                ("expert", expert, "/", 20),
                ("expert", expert, "/questions/unanswered", 15),
                ("expert", expert, "/notifications", 15),
                ("operator", op, "/operator", 11),
                ("member", member, "/training", 11),
                ("facilitator", facilitator, "/training/courses/phishing", 17),
                ("facilitator", facilitator, "/organisations/\(bakery)/training", 13),
                ("facilitator", facilitator, Self.circle + "/training", 13),
                ("facilitator", facilitator, "/organisations/\(bakery)/kpis", 15),
                ("facilitator", facilitator, Self.circle + "/kpis", 17),
                ("operator", op, "/operator/kpis", 14),
                ("visitor", TestBrowser(app), "/sign-in", 1),
                ("visitor", TestBrowser(app), chapter, 9),
                ("visitor", TestBrowser(app), chapter + "/events/\(workshop)", 8),
                ("visitor", TestBrowser(app), chapter + "/events/\(ctf)/ctf", 13),
                ("facilitator", marcus, "/communities/milton-keynes-cyber-chapter/chapter", 24),
                ("facilitator", marcus, "/communities/milton-keynes-cyber-chapter/chapter/events/\(workshop)", 18),
                ("facilitator", marcus, "/communities/milton-keynes-cyber-chapter/mentoring", 27),
                ("learner", priya, "/communities/milton-keynes-cyber-chapter/mentoring", 20),
                ("learner", priya, SiteURL.mentorship("milton-keynes-cyber-chapter", pair).path, 10),
                ("firm admin", gary, "/communities/milton-keynes-cyber-chapter/talent", 20),
                ("learner", priya, "/communities/milton-keynes-cyber-chapter/labs", 9),
                ("learner", priya, SiteURL.communityLab("milton-keynes-cyber-chapter", lab).path, 9),
            ]
            // Today's counts plus two (the bell reads its count and what it words in one query). The bell words each unread notification about a plan, a call for help or a report
            // for its reader: in a fixed number of queries whatever the number of communities (it used to read a standing
            // and a plan version per community, so Marcus's and the expert's pages cost 14-16 more).
            for (role, browser, path, bound) in pages {
                let n = try await queries(browser, path)
                XCTAssertLessThanOrEqual(n, bound, "\(role) \(path): \(n) queries")
                XCTAssertGreaterThan(n, 0, "counted")
            }
        }
    }

    /// The discussions list and the home page run as many queries with 5 more threads (and their authors) as without.
    func testListsDoNotRunAQueryPerRow() async throws {
        try await withApp { world in
            let app = world.app
            app.pageCache = nil  // the bounds are on making pages; a kept page costs one query (`PageCacheTests`)
            app.pageCache = nil  // the bounds are on making pages; a kept page costs two (`PageCacheTests`)
            _ = try await DemoSeed.run(app: app)
            let member = TestBrowser(app)
            try await member.signIn("lucia@cornercafe.example", password: DemoSeed.password)
            let circle = try await Community.query(on: app.db).filter(\.$slug == "leeds-bradford-micro-business-circle").first()
            let communityID = try XCTUnwrap(circle).requireID()
            let authors = try await CommunityPerson.query(on: app.db).filter(\.$community.$id == communityID).all().map(\.$person.id)
            _ = try await queries(member, Self.circle + "/discussions")  // the first request fills the person's cached access
            let before = (list: try await queries(member, Self.circle + "/discussions"), home: try await queries(member, "/"))
            for (i, author) in (authors + authors + authors).prefix(5).enumerated() {
                try await ConversationThread(communityID: communityID, authorID: author, kind: .discussion, title: "More talk \(i)",
                                             body: "Body \(i)", tags: ["extra\(i)"], at: world.time.now).create(on: app.db)
            }
            _ = try await queries(member, Self.circle + "/discussions")  // the first request after a write reads the settings again
            let after = (list: try await queries(member, Self.circle + "/discussions"), home: try await queries(member, "/"))
            let shown = try await member.get(Self.circle + "/discussions").body.string
            XCTAssertTrue(shown.contains("More talk 4"), "the new threads are on the list")
            XCTAssertEqual(after.list, before.list, "discussions: one query per row would show here")
            XCTAssertEqual(after.home, before.home, "home")
        }
    }

    /// The bell words notifications about plans and reports in the same number of queries whether they come from one
    /// community or several (it used to read each community's standing and plan on its own).
    func testTheBellDoesNotRunAQueryPerCommunity() async throws {
        try await withApp { world in
            let app = world.app
            app.pageCache = nil  // the bounds are on making pages; a kept page costs one query (`PageCacheTests`)
            app.pageCache = nil  // the bounds are on making pages; a kept page costs two (`PageCacheTests`)
            _ = try await DemoSeed.run(app: app)
            let expert = TestBrowser(app)
            try await expert.signIn("fiona.grant@experts.example", password: DemoSeed.password)
            let fiona = try await Person.query(on: app.db).filter(\.$email == "fiona.grant@experts.example").first()
            let personID = try XCTUnwrap(fiona).requireID()
            let communities = try await CommunityPerson.query(on: app.db).filter(\.$person.$id == personID).all(\.$community.$id)
            XCTAssertGreaterThan(communities.count, 1)
            let versions = try await PlanVersion.query(on: app.db).join(CommunityPlan.self, on: \PlanVersion.$plan.$id == \CommunityPlan.$id)
                .filter(CommunityPlan.self, \.$community.$id ~~ communities).all()
            func notify(_ version: PlanVersion) async throws {
                let plan = try await CommunityPlan.find(version.$plan.id, on: app.db)
                let n = PersonNotification(personID: personID, communityID: try XCTUnwrap(plan).$community.id, kind: .planPublished, threadID: nil,
                                           actorID: nil, at: world.time.now)
                n.subjectID = try version.requireID()
                try await n.create(on: app.db)
            }
            let first = try XCTUnwrap(versions.first)
            try await notify(first)
            _ = try await queries(expert, "/")
            let one = try await queries(expert, "/")
            for version in versions.dropFirst() where version.$plan.id != first.$plan.id { try await notify(version) }
            let several = try await queries(expert, "/")
            let unread = try await PersonNotification.query(on: app.db).filter(\.$person.$id == personID).filter(\.$kind == .planPublished).count()
            XCTAssertGreaterThan(unread, 1, "notifications from more than one community")
            XCTAssertEqual(several, one, "one plan notification or \(unread): the same queries")
        }
    }
}
