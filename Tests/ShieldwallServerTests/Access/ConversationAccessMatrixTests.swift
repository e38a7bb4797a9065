import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for conversations: a community's threads, replies, polls, search results and
/// notifications are for its active participants who accepted the charter — never for another
/// community's people, never for an operator who is not a member. Every route × every role, page and API.
final class ConversationAccessMatrixTests: XCTestCase {
    typealias Role = ConversationWorld.Role

    struct Fixture {
        let w: ConversationWorld
        let thread: UUID
        let reply: UUID
        let ama: UUID
        let file: UUID
        /// As it shows in search results, where "Secret" is highlighted.
        let title = "plans for the shop inbox"
    }

    func makeFixture(_ app: Application) async throws -> Fixture {
        let w = try await ConversationWorld.make(app)
        let thread = try await w.thread(app, title: "Secret plans for the shop inbox", body: "Password rotation ideas, @priya-shah?",
                                        poll: .init(question: "Rotate how often?", options: "Monthly\nNever", multiple: false, closesInDays: 5))
        let reply = try await w.reply(app, to: thread, by: .memberA2, body: "We rotate monthly.")
        let ama = try await Seed.event(app, in: w.a, title: "Ask the experts")
        ama.kind = CommunityEvent.Kind.ama
        try await ama.update(on: app.db)
        let signed = try w.signed(.asker)
        let file = try await ResourceActions.add(.init(kind: "file", title: "Secret plans template", description: "", tags: "", fileName: "plan.txt",
                                                       fileBytes: Array("Step 1".utf8)), in: w.a,
                                                 standing: try await CommunityStandings.standing(of: signed, in: w.a, on: app.db), by: signed,
                                                 ctx: ActionContext(app))
        return Fixture(w: w, thread: try thread.requireID(), reply: try reply.requireID(), ama: try ama.requireID(), file: try file.requireID())
    }

    /// People of community A who accepted the charter get `ok`; the rest as given.
    static func readersOfA(_ ok: HTTPStatus, notAccepted: HTTPStatus = .notFound, others: HTTPStatus = .notFound,
                           signedOut: HTTPStatus = .seeOther, override: [Role: HTTPStatus] = [:]) -> [Role: HTTPStatus] {
        var out: [Role: HTTPStatus] = [.signedOut: signedOut, .asker: ok, .colleague: ok, .memberA2: ok, .expert: ok, .facilitator: ok,
                                       .notAccepted: notAccepted, .memberB: others, .outsider: others, .operator: others]
        out.merge(override) { $1 }
        return out
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let f = try await makeFixture(world.app)
            let slug = f.w.a.slug
            let out: HTTPStatus = .seeOther
            let everyone: [Role: HTTPStatus] = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0 == .signedOut ? out : .ok) })
            let firstOption = try await PollOption.query(on: world.app.db).sort(\.$position).firstOrFail().requireID().uuidString
            typealias Row = (String, String, [String: String]?, [Role: HTTPStatus])
            let rows: [Row] = [
                ("GET", SiteURL.communityDiscussions(slug).path, nil, Self.readersOfA(.ok, notAccepted: out)),
                ("GET", SiteURL.communityThreadNew(slug).path, nil, Self.readersOfA(.ok, notAccepted: out)),
                ("GET", SiteURL.thread(f.thread).path, nil, Self.readersOfA(.ok)),
                ("GET", SiteURL.thread(UUID()).path, nil, Self.readersOfA(.notFound)),
                ("GET", SiteURL.threadHistory(f.thread).path, nil, Self.readersOfA(.ok)),
                ("GET", SiteURL.threadEdit(f.thread).path, nil, Self.readersOfA(.forbidden, override: [.asker: .ok, .facilitator: .ok])),
                ("GET", SiteURL.postEdit(f.reply).path, nil, Self.readersOfA(.forbidden, override: [.memberA2: .ok, .facilitator: .ok])),
                ("POST", SiteURL.threadReplies(f.thread).path, ["body": "Reply from a role"], Self.readersOfA(out)),
                ("POST", SiteURL.postHelpful(f.reply).path, [:], Self.readersOfA(out, override: [.memberA2: .unprocessableEntity])),
                ("POST", SiteURL.threadPollVote(f.thread).path, ["choices[]": firstOption], Self.readersOfA(out)),
                ("POST", SiteURL.threadFlag(f.thread).path, ["reason": "Test report"], Self.readersOfA(out)),
                ("POST", SiteURL.threadModerate(f.thread).path, ["pinned": "true"], Self.readersOfA(.forbidden, override: [.facilitator: out])),
                ("POST", SiteURL.threadAccept(f.thread).path, ["post": f.reply.uuidString], Self.readersOfA(.forbidden, override: [.asker: out, .facilitator: out])),
                ("POST", SiteURL.threadEdit(f.thread).path, ["title": "Secret plans for the shop inbox", "body": "Edited by a role"],
                 Self.readersOfA(.forbidden, override: [.asker: out, .facilitator: out])),
                ("GET", SiteURL.communityFlags(slug).path, nil, Self.readersOfA(.forbidden, notAccepted: out, override: [.facilitator: .ok])),
                ("GET", SiteURL.communityEventQuestions(slug, f.ama).path, nil, Self.readersOfA(.ok, notAccepted: out)),
                ("POST", SiteURL.communityEventQuestions(slug, f.ama).path, ["title": "A question for the AMA"], Self.readersOfA(out, notAccepted: out)),
                ("POST", SiteURL.threadVote(f.thread).path, [:], Self.readersOfA(out)),
                ("GET", SiteURL.communityResources(slug).path, nil, Self.readersOfA(.ok, notAccepted: out)),
                ("GET", SiteURL.communityResourceNew(slug).path, nil, Self.readersOfA(.ok, notAccepted: out)),
                ("GET", SiteURL.resource(f.file).path, nil, Self.readersOfA(.ok)),
                ("GET", SiteURL.resourceDownload(f.file).path, nil, Self.readersOfA(.ok)),
                ("POST", SiteURL.communityResourceNew(slug).path, ["kind": "link", "title": "A useful link", "url": "https://www.ncsc.gov.uk/"],
                 Self.readersOfA(out, notAccepted: out)),
                ("GET", SiteURL.communityDiscussionsFeed(slug).path, nil, Self.readersOfA(.ok, notAccepted: out)),
                ("GET", SiteURL.questionsQueue.path, nil, everyone),
                ("GET", SiteURL.search.path + "?q=secret", nil, everyone),
                ("GET", SiteURL.notifications.path, nil, everyone),
                ("GET", SiteURL.notificationSettings.path, nil, everyone),
                // The confirmation step changes nothing and decides nothing: the action it leads to checks access when confirmed.
                ("POST", SiteURL.confirm.path, ["kind": "delete-reply", "action": SiteURL.postDelete(f.reply).path, "name": "A member"], everyone),
                ("POST", SiteURL.threadPollClose(f.thread).path, [:], Self.readersOfA(.forbidden, override: [.asker: out, .facilitator: out])),
                // Roles run in order: the asker (who added it) removes it, so everyone after finds nothing (403 for others: ResourceLibraryTests).
                ("POST", SiteURL.resourceDelete(f.file).path, [:], Self.readersOfA(.notFound, override: [.asker: out])),
                // Last, as they take things away (roles in order): the reply's writer deletes it, then nobody finds it; the thread has
                // replies, so only the facilitator deletes it.
                ("POST", SiteURL.postDelete(f.reply).path, [:], Self.readersOfA(.forbidden, override: [.memberA2: out, .expert: .notFound, .facilitator: .notFound])),
                ("POST", SiteURL.threadDelete(f.thread).path, [:], Self.readersOfA(.forbidden, override: [.facilitator: out])),
            ]
            // What pages show: search results, the experts' queue and notifications only from readable communities.
            for role in Role.allCases where role != .signedOut {
                let browser = try f.w.browser(role)
                let readsA = Self.readersOfA(.ok)[role] == .ok
                let search = try await browser.get(SiteURL.search.path + "?q=secret")
                XCTAssertEqual(search.body.string.contains(f.title), readsA, "search as \(role)")
                let notes = try await browser.get(SiteURL.notifications.path)
                if !readsA { XCTAssertFalse(notes.body.string.contains(f.title), "notifications as \(role)") }
            }
            // The experts' queue, before anyone answers: the question shows to A's expert and facilitator only.
            for role in Role.allCases where role != .signedOut {
                let queue = try await f.w.browser(role).get(SiteURL.questionsQueue.path)
                XCTAssertEqual(queue.body.string.contains(f.title), role == .expert || role == .facilitator, "queue as \(role)")
            }
            for (method, path, form, expected) in rows {
                for role in Role.allCases {
                    let browser = try f.w.browser(role)
                    let response: XCTHTTPResponse
                    if method == "GET" {
                        response = try await browser.get(path)
                    } else {
                        try await browser.get(role == .signedOut ? SiteURL.signIn.path : SiteURL.notificationSettings.path)
                        response = try await browser.post(path, form ?? [:])
                    }
                    XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role)")
                }
            }
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let f = try await makeFixture(world.app)
            let slug = f.w.a.slug
            let unauth: HTTPStatus = .unauthorized
            let everyone: [Role: HTTPStatus] = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0 == .signedOut ? unauth : .ok) })
            let option = try await PollOption.query(on: world.app.db).sort(\.$position).firstOrFail().requireID().uuidString
            typealias Row = (HTTPMethod, String, String?, [Role: HTTPStatus])
            let rows: [Row] = [
                (.GET, "/communities/\(slug)/threads", nil, Self.readersOfA(.ok, notAccepted: .forbidden, signedOut: unauth)),
                (.POST, "/communities/\(slug)/threads", #"{"kind":"question","title":"An API question","body":"Hello"}"#,
                 Self.readersOfA(.created, notAccepted: .forbidden, signedOut: unauth)),
                (.GET, "/threads/\(f.thread)", nil, Self.readersOfA(.ok, signedOut: unauth)),
                (.POST, "/threads/\(f.thread)/replies", #"{"body":"API reply"}"#, Self.readersOfA(.created, signedOut: unauth)),
                (.POST, "/threads/\(f.thread)/poll/votes", #"{"choices":["\#(option)"]}"#, Self.readersOfA(.ok, signedOut: unauth)),
                (.POST, "/threads/\(f.thread)/accept", #"{"post":"\#(f.reply)"}"#,
                 Self.readersOfA(.forbidden, signedOut: unauth, override: [.asker: .ok, .facilitator: .ok])),
                (.GET, "/communities/\(slug)/events/\(f.ama)/questions", nil, Self.readersOfA(.ok, notAccepted: .forbidden, signedOut: unauth)),
                (.POST, "/communities/\(slug)/events/\(f.ama)/questions", #"{"title":"An API question for the AMA"}"#,
                 Self.readersOfA(.created, notAccepted: .forbidden, signedOut: unauth)),
                (.POST, "/threads/\(f.thread)/vote", nil, Self.readersOfA(.ok, signedOut: unauth)),
                (.GET, "/communities/\(slug)/resources", nil, Self.readersOfA(.ok, notAccepted: .forbidden, signedOut: unauth)),
                (.GET, "/resources/\(f.file)", nil, Self.readersOfA(.ok, signedOut: unauth)),
                (.PATCH, "/threads/\(f.thread)", #"{"body":"Edited through the API"}"#,
                 Self.readersOfA(.forbidden, signedOut: unauth, override: [.asker: .ok, .facilitator: .ok])),
                (.GET, "/threads/\(f.thread)/history", nil, Self.readersOfA(.ok, signedOut: unauth)),
                (.POST, "/threads/\(f.thread)/flag", #"{"reason":"Off topic"}"#, Self.readersOfA(.accepted, signedOut: unauth)),
                (.POST, "/threads/\(f.thread)/moderate", #"{"pinned":true}"#, Self.readersOfA(.forbidden, signedOut: unauth, override: [.facilitator: .ok])),
                (.PATCH, "/posts/\(f.reply)", #"{"body":"Edited reply"}"#,
                 Self.readersOfA(.forbidden, signedOut: unauth, override: [.memberA2: .ok, .facilitator: .ok])),
                (.POST, "/posts/\(f.reply)/helpful", nil, Self.readersOfA(.ok, signedOut: unauth, override: [.memberA2: .unprocessableEntity])),
                (.POST, "/communities/\(slug)/resources", #"{"kind":"link","title":"NCSC guide","url":"https://www.ncsc.gov.uk/"}"#,
                 Self.readersOfA(.created, notAccepted: .forbidden, signedOut: unauth)),
                (.GET, "/notification-settings", nil, everyone),
                (.PUT, "/notification-settings", #"{"delivery":"weekly"}"#, everyone),
                (.POST, "/notifications/read", nil, Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0 == .signedOut ? unauth : .noContent) })),
                (.POST, "/threads/\(f.thread)/poll/close", nil, Self.readersOfA(.forbidden, signedOut: unauth, override: [.asker: .ok, .facilitator: .ok])),
                // In role order the asker (who added it) removes it; everyone after finds nothing.
                (.DELETE, "/resources/\(f.file)", nil, Self.readersOfA(.notFound, signedOut: unauth, override: [.asker: .noContent])),
                (.DELETE, "/posts/\(f.reply)", nil, Self.readersOfA(.forbidden, signedOut: unauth,
                                                                    override: [.memberA2: .noContent, .expert: .notFound, .facilitator: .notFound])),
                (.GET, "/questions/unanswered", nil, everyone),
                (.GET, "/search?q=secret", nil, everyone),
                (.GET, "/notifications", nil, everyone),
                (.DELETE, "/threads/\(f.thread)", nil, Self.readersOfA(.forbidden, signedOut: unauth, override: [.facilitator: .noContent])),
            ]
            for role in Role.allCases where role != .signedOut {
                let readsA = Self.readersOfA(.ok)[role] == .ok
                let search = try await world.app.api(.GET, "/search?q=secret", token: f.w.tokens[role])
                XCTAssertEqual(search.body.string.contains(f.title), readsA, "API search as \(role)")
                let notes = try await world.app.api(.GET, "/notifications", token: f.w.tokens[role])
                if !readsA { XCTAssertFalse(notes.body.string.contains(f.title), "API notifications as \(role)") }
            }
            // Poll counts are secret until one votes: a reader who has not voted gets no counts.
            let fresh = try await world.app.api(.GET, "/threads/\(f.thread)", token: f.w.tokens[.colleague])
            let options = ((fresh.json["poll"] as? [String: Any])?["options"] as? [[String: Any]]) ?? []
            XCTAssertEqual(options.count, 2)
            XCTAssertTrue(options.allSatisfy { $0["votes"] == nil || $0["votes"] is NSNull }, "\(options)")
            for (method, path, body, expected) in rows {
                for role in Role.allCases {
                    let response = try await world.app.api(method, path, token: f.w.tokens[role], json: body)
                    XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role): \(response.body.string)")
                }
            }
        }
    }

    /// The other ways out: each role's private Atom feed of community A, and each role's digest e-mail.
    func testAtomAndDigestsByRole() async throws {
        try await withApp { world in
            let f = try await makeFixture(world.app)
            for role in Role.allCases where role != .signedOut {
                let person = try f.w.person(role)
                let setting = try await NotificationFeed.setting(for: try person.requireID(), on: world.app.db, now: world.time.now)
                let token = SecretToken.generate(prefix: "swf_")
                setting.feedTokenDigest = token.digest
                setting.delivery = NotificationDelivery.daily
                setting.lastDigestAt = world.time.now.addingTimeInterval(-86_400)
                try await setting.update(on: world.app.db)
                let readsA = Self.readersOfA(.ok)[role] == .ok
                let feed = try await world.app.testable().sendRequest(.GET, SiteURL.discussionsAtom(token.value, f.w.a.slug).path)
                XCTAssertEqual(feed.status, readsA ? .ok : .notFound, "Atom as \(role)")
                XCTAssertEqual(feed.body.string.contains(f.title), readsA, "Atom content as \(role)")
            }
            // Notify everyone by name, readers or not: only readers may be told, and only readers' digests carry it.
            let thread = try await ConversationThread.query(on: world.app.db).filter(\.$id == f.thread).firstOrFail()
            _ = try await f.w.reply(world.app, to: thread, by: .facilitator,
                                    body: "@sam-patel @jo-king @lee-hart @priya-shah @new-starter @bo-reader @oscar-out @opal-operator")
            _ = try await DigestJob.run(ActionContext(world.app))
            for role in Role.allCases where role != .signedOut {
                let readsA = Self.readersOfA(.ok)[role] == .ok
                let mail = world.mailer.sent.filter { $0.to == (try? f.w.person(role).email) }
                XCTAssertEqual(mail.contains { $0.body.contains(f.title) || ($0.html ?? "").contains(f.title) }, readsA,
                               "digest as \(role)")
                if !readsA { XCTAssertTrue(mail.isEmpty, "no digest for \(role)") }
            }
        }
    }
}
