import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// What people do in a community's conversations, page by page, and what they see.
final class ConversationFlowTests: XCTestCase {
    func testAQuestionIsAskedAnsweredByAnExpertAndAccepted() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let asker = try w.browser(.asker), expert = try w.browser(.expert)
            let form = try await asker.get(SiteURL.communityThreadNew(w.a.slug).path + "?kind=question")
            XCTAssertEqual(form.status, .ok)
            XCTAssertFalse(form.body.string.contains("value=\"announcement\""), "members cannot announce")
            let posted = try await asker.post(SiteURL.communityThreadNew(w.a.slug).path, [
                "kind": "question", "title": "Is our backup any good?",
                "body": "We copy the till data to a USB stick on Fridays. @priya-shah what would you do?", "tags": "backups",
            ])
            XCTAssertEqual(posted.status, .seeOther)
            let thread = try await ConversationThread.query(on: world.app.db).firstOrFail()
            let threadPath = SiteURL.thread(try thread.requireID()).path
            XCTAssertEqual(posted.headers.first(name: .location), threadPath)

            // The expert hears of it (mentioned, and as a new question: one notification, not two) and sees it in the queue.
            let bell = try await expert.get(SiteURL.home.path)
            XCTAssertTrue(bell.body.string.contains("Notifications (1 new)"), bell.body.string)
            let note = try await expert.get(SiteURL.notifications.path)
            XCTAssertTrue(note.body.string.contains("Sam Patel mentioned you in “Is our backup any good?”"))
            let queue = try await expert.get(SiteURL.questionsQueue.path)
            XCTAssertTrue(queue.body.string.contains("Is our backup any good?"))
            // The facilitator is told of the new question too; a member of the other firm is not.
            await expectEqual(try await PersonNotification.query(on: world.app.db).filter(\.$person.$id == (try w.person(.facilitator).requireID())).count(), 1)
            await expectEqual(try await PersonNotification.query(on: world.app.db).filter(\.$person.$id == (try w.person(.memberA2).requireID())).count(), 0)

            let answered = try await expert.post(threadPath + "/replies", ["body": "Keep a second copy **off site** and test a restore monthly."])
            XCTAssertEqual(answered.status, .seeOther)
            let page = try await asker.get(threadPath)
            XCTAssertTrue(page.body.string.contains("<strong>off site</strong>"), "markdown rendered")
            XCTAssertTrue(page.body.string.contains("class=\"badge expert\""))
            XCTAssertTrue(page.body.string.contains("Answered by an expert"))
            let afterQueue = try await expert.get(SiteURL.questionsQueue.path)
            XCTAssertFalse(afterQueue.body.string.contains("Is our backup any good?"), "answered questions leave the queue")
            let askerNotes = try await asker.get(SiteURL.notifications.path)
            XCTAssertTrue(askerNotes.body.string.contains("Priya Shah (expert) answered your question"), String(askerNotes.body.string.suffix(2000)))

            let reply = try await ThreadPost.query(on: world.app.db).firstOrFail()
            // Only the asker (or the facilitator) accepts; the expert cannot accept their own answer.
            let refused = try await expert.post(threadPath + "/accept", ["post": try reply.requireID().uuidString])
            XCTAssertEqual(refused.status, .forbidden)
            let accepted = try await asker.post(threadPath + "/accept", ["post": try reply.requireID().uuidString])
            XCTAssertEqual(accepted.status, .seeOther)
            let final = try await asker.get(threadPath)
            XCTAssertTrue(final.body.string.contains("Accepted answer"))
            XCTAssertTrue(final.body.string.contains("Answered (an answer is marked)"))
            let bogus = try await asker.post(threadPath + "/accept", ["post": UUID().uuidString])
            XCTAssertEqual(bogus.status, .unprocessableEntity)
            XCTAssertTrue(bogus.body.string.contains("There is no such reply in this thread."))
        }
    }

    func testBadPostsAreRefusedWithAReasonAndNothingIsWritten() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let asker = try w.browser(.asker)
            let path = SiteURL.communityThreadNew(w.a.slug).path
            let empty = try await asker.post(path, ["kind": "question", "title": "", "body": ""])
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertTrue(empty.body.string.contains("field-title-error") || empty.body.string.contains("This field is required"), empty.body.string)
            let huge = try await asker.post(path, ["kind": "discussion", "title": "A long story", "body": String(repeating: "x", count: 20_001)])
            XCTAssertEqual(huge.status, .unprocessableEntity)
            XCTAssertTrue(huge.body.string.contains("20000"))
            let short = try await asker.post(path, ["kind": "discussion", "title": "Hi", "body": "Hello"])
            XCTAssertTrue(short.body.string.contains("at least 5 characters"))
            let tags = try await asker.post(path, ["kind": "discussion", "title": "Tag soup here", "body": "Hello", "tags": "a,b,c,d,e,f"])
            XCTAssertTrue(tags.body.string.contains("at most 5 tags"))
            let badTag = try await asker.post(path, ["kind": "discussion", "title": "Tag soup here", "body": "Hello", "tags": "<script>"])
            XCTAssertEqual(badTag.status, .unprocessableEntity)
            XCTAssertFalse(badTag.body.string.contains("<script>"), "echoed escaped")
            let kind = try await asker.post(path, ["kind": "rant", "title": "Nothing much", "body": "Hello"])
            XCTAssertEqual(kind.status, .unprocessableEntity)
            let announce = try await asker.post(path, ["kind": "announcement", "title": "Big news today", "body": "Hello"])
            XCTAssertEqual(announce.status, .forbidden)
            let poll = try await asker.post(path, ["kind": "discussion", "title": "Which backup?", "body": "Vote", "poll": "true",
                                                   "poll_question": "Which?", "poll_options": "Only one", "poll_closes": "7"])
            XCTAssertEqual(poll.status, .unprocessableEntity)
            XCTAssertTrue(poll.body.string.contains("at least 2 options"))
            await expectEqual(try await ConversationThread.query(on: world.app.db).count(), 0)
            await expectEqual(try await Poll.query(on: world.app.db).count(), 0)

            // Replies: empty, huge, and to a locked thread.
            let thread = try await w.thread(world.app)
            let threadPath = SiteURL.thread(try thread.requireID()).path
            let emptyReply = try await asker.post(threadPath + "/replies", ["body": "  "])
            XCTAssertEqual(emptyReply.status, .unprocessableEntity)
            let moderated = try await w.browser(.facilitator).post(threadPath + "/moderate", ["locked": "true"])
            XCTAssertEqual(moderated.status, .seeOther)
            let locked = try await w.browser(.memberA2).post(threadPath + "/replies", ["body": "Me too"])
            XCTAssertEqual(locked.status, .forbidden)
            let notFacilitator = try await asker.post(threadPath + "/moderate", ["pinned": "true"])
            XCTAssertEqual(notFacilitator.status, .forbidden)
            await expectEqual(try await ThreadPost.query(on: world.app.db).count(), 0)
        }
    }

    func testEditsKeepTheirHistory() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let thread = try await w.thread(world.app, body: "First words about MFA.")
            let path = SiteURL.thread(try thread.requireID()).path
            let other = try await w.browser(.memberA2).post(path + "/edit", ["title": "Hijacked title", "body": "Mine now"])
            XCTAssertEqual(other.status, .forbidden)
            let edited = try await w.browser(.asker).post(path + "/edit", ["title": "Do we need MFA on the shop inbox?", "body": "Better words.", "tags": "mfa"])
            XCTAssertEqual(edited.status, .seeOther)
            let page = try await w.browser(.memberA2).get(path)
            XCTAssertTrue(page.body.string.contains("Better words."))
            XCTAssertTrue(page.body.string.contains("edited — see history"))
            let history = try await w.browser(.memberA2).get(path + "/history")
            XCTAssertTrue(history.body.string.contains("First words about MFA."))
            XCTAssertTrue(history.body.string.contains("Opening post before Sam Patel edited it"))
            // The facilitator may edit a reply (moderation); the search index follows edits.
            let reply = try await w.reply(world.app, to: thread, by: .memberA2, body: "Call me on 07700 900123")
            let moderated = try await w.browser(.facilitator).post(SiteURL.postEdit(try reply.requireID()).path, ["body": "(phone number removed)"])
            XCTAssertEqual(moderated.status, .seeOther)
            let found = try await w.browser(.asker).get(SiteURL.search.path + "?q=07700")
            XCTAssertTrue(found.body.string.contains("0 found"))
            let replyHistory = try await w.browser(.asker).get(path + "/history")
            XCTAssertTrue(replyHistory.body.string.contains("07700 900123"))
            XCTAssertTrue(replyHistory.body.string.contains("A reply before Fran Lead edited it"))
        }
    }

    func testPollsCountOneSecretVoteEach() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let thread = try await w.thread(world.app, kind: .discussion, title: "Which backup service do you use?", body: "Curious.",
                                            poll: .init(question: "Which one?", options: "Cloud\nUSB stick\nNone yet", multiple: false, closesInDays: 3))
            let path = SiteURL.thread(try thread.requireID()).path
            let options = try await PollOption.query(on: world.app.db).sort(\.$position).all()
            let cloud = try options[0].requireID().uuidString, usb = try options[1].requireID().uuidString
            let before = try await w.browser(.memberA2).get(path)
            XCTAssertTrue(before.body.string.contains("Results show once you have voted"))
            XCTAssertFalse(before.body.string.contains("Cloud: 0"))
            let vote = try await w.browser(.memberA2).post(path + "/poll/vote", pairs: [("choices[]", cloud)])
            XCTAssertEqual(vote.status, .seeOther)
            let after = try await w.browser(.memberA2).get(path)
            XCTAssertTrue(after.body.string.contains("Cloud: 1"), String(after.body.string.suffix(3000)))
            XCTAssertTrue(after.body.string.contains("You have voted."))
            let twice = try await w.browser(.memberA2).post(path + "/poll/vote", pairs: [("choices[]", usb)])
            XCTAssertEqual(twice.status, .unprocessableEntity)
            XCTAssertTrue(twice.body.string.contains("You have already voted in this poll."))
            let two = try await w.browser(.colleague).post(path + "/poll/vote", pairs: [("choices[]", cloud), ("choices[]", usb)])
            XCTAssertTrue(two.body.string.contains("This poll takes one choice only."))
            let unknown = try await w.browser(.colleague).post(path + "/poll/vote", pairs: [("choices[]", "not-an-id")])
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            let none = try await w.browser(.colleague).post(path + "/poll/vote", [:])
            XCTAssertTrue(none.body.string.contains("Choose an option first."))
            // Only the thread's author or the facilitator closes it; then everyone sees the counts and nobody votes.
            let notYours = try await w.browser(.memberA2).post(path + "/poll/close")
            XCTAssertEqual(notYours.status, .forbidden)
            let closed = try await w.browser(.asker).post(path + "/poll/close")
            XCTAssertEqual(closed.status, .seeOther)
            let late = try await w.browser(.colleague).post(path + "/poll/vote", pairs: [("choices[]", usb)])
            XCTAssertTrue(late.body.string.contains("This poll is closed"))
            let results = try await w.browser(.colleague).get(path)
            XCTAssertTrue(results.body.string.contains("Cloud: 1"))
            XCTAssertTrue(results.body.string.contains("USB stick: 0"))
            await expectEqual(try await PollVoter.query(on: world.app.db).count(), 1)
            await expectEqual(try await PollBallot.query(on: world.app.db).count(), 1)
            // A poll closes by itself when its time is up.
            let other = try await w.thread(world.app, kind: .discussion, title: "Meeting day poll", body: "When?",
                                           poll: .init(question: "Day?", options: "Monday\nFriday", multiple: true, closesInDays: 1))
            world.time.advance(by: 86_401)
            _ = try await w.browser(.memberA2).signIn("lee@pennine.example")
            let expired = try await w.browser(.memberA2).get(SiteURL.thread(try other.requireID()).path)
            XCTAssertTrue(expired.body.string.contains("Closed"))
            XCTAssertTrue(expired.body.string.contains("Monday: 0"))
        }
    }

    func testSearchFindsWhatThePersonMaySeeAndSurvivesHostileQueries() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let thread = try await w.thread(world.app, title: "Phishing e-mail pretending to be HMRC", body: "It asked for a tax refund login.")
            _ = try await w.reply(world.app, to: thread, by: .expert, body: "Never log in from a link; report it to report@phishing.gov.uk.")
            _ = try await w.thread(world.app, in: w.b, by: .memberB, title: "Phishing in Bradford too", body: "Same HMRC refund trick.")
            let asker = try w.browser(.asker)
            let hits = try await asker.get(SiteURL.search.path + "?q=hmrc")
            XCTAssertEqual(hits.status, .ok)
            XCTAssertTrue(hits.body.string.contains("1 found"), hits.body.string)
            XCTAssertTrue(hits.body.string.contains("<mark>HMRC</mark>"))
            XCTAssertFalse(hits.body.string.contains("Bradford"), "another community's thread is never found")
            let prefix = try await asker.get(SiteURL.search.path + "?q=phish+refund")
            XCTAssertTrue(prefix.body.string.contains("1 found"), prefix.body.string)
            let reply = try await asker.get(SiteURL.search.path + "?q=link")
            XCTAssertTrue(reply.body.string.contains("#post-"), "replies are found and link to the reply")
            for hostile in ["\"", "*", "NEAR", "\"unbalanced", "a OR", "(", "title:x", "-", "^", "' OR 1=1 --", "%", "\u{2}x\u{3}"] {
                var components = URLComponents()
                components.queryItems = [URLQueryItem(name: "q", value: hostile)]
                let response = try await asker.get(SiteURL.search.path + "?" + (components.percentEncodedQuery ?? ""))
                XCTAssertTrue([.ok, .unprocessableEntity].contains(response.status), "\(hostile): \(response.status)")
            }
            let nothing = try await asker.get(SiteURL.search.path + "?q=%22%2A%22")
            XCTAssertTrue(nothing.body.string.contains("Type at least one word"))
            let long = try await asker.get(SiteURL.search.path + "?q=" + String(repeating: "a", count: 201))
            XCTAssertEqual(long.status, .unprocessableEntity)
            // The operator, who is not a member, finds nothing.
            let op = try await w.browser(.operator).get(SiteURL.search.path + "?q=hmrc")
            XCTAssertTrue(op.body.string.contains("0 found"))
        }
    }

    func testHelpfulFlagsAndQuoting() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let thread = try await w.thread(world.app)
            let reply = try await w.reply(world.app, to: thread, by: .memberA2, body: "We use an authenticator app.\nIt took ten minutes.")
            let postPath = SiteURL.postHelpful(try reply.requireID()).path
            let own = try await w.browser(.memberA2).post(postPath)
            XCTAssertEqual(own.status, .unprocessableEntity)
            _ = try await w.browser(.asker).post(postPath)
            let page = try await w.browser(.asker).get(SiteURL.thread(try thread.requireID()).path)
            XCTAssertTrue(page.body.string.contains("1 found this helpful"))
            _ = try await w.browser(.asker).post(postPath)
            await expectEqual(try await ThreadPost.find(reply.id, on: world.app.db)?.helpfulCount, 0)
            let quoted = try await w.browser(.asker).get(SiteURL.thread(try thread.requireID()).path + "?quote=\(try reply.requireID())")
            XCTAssertTrue(quoted.body.string.contains("&gt; @lee-hart:\n&gt; We use an authenticator app.\n&gt; It took ten minutes."), quoted.body.string)

            let flagged = try await w.browser(.asker).post(SiteURL.threadFlag(try thread.requireID()).path,
                                                           ["post": try reply.requireID().uuidString, "reason": "Advertises a product"])
            XCTAssertEqual(flagged.status, .seeOther)
            let noReason = try await w.browser(.asker).post(SiteURL.threadFlag(try thread.requireID()).path, ["post": "", "reason": ""])
            XCTAssertEqual(noReason.status, .unprocessableEntity)
            let told = try await w.browser(.facilitator).get(SiteURL.notifications.path)
            XCTAssertTrue(told.body.string.contains("Sam Patel reported a post in “Do we need 2-step verification on the shop inbox?” to you"))
            let flags = try await w.browser(.facilitator).get(SiteURL.communityFlags(w.a.slug).path)
            XCTAssertTrue(flags.body.string.contains("Advertises a product"))
            let notForMembers = try await w.browser(.asker).get(SiteURL.communityFlags(w.a.slug).path)
            XCTAssertEqual(notForMembers.status, .forbidden)
            let flag = try await PostFlag.query(on: world.app.db).firstOrFail()
            let resolved = try await w.browser(.facilitator).post(SiteURL.communityFlagResolve(w.a.slug, try flag.requireID()).path)
            XCTAssertEqual(resolved.status, .seeOther)
            let empty = try await w.browser(.facilitator).get(SiteURL.communityFlags(w.a.slug).path)
            XCTAssertTrue(empty.body.string.contains("No open reports."))
        }
    }

    func testHealthCountsQuestionsAnswersAndPostersWithoutContent() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let answered = try await w.thread(world.app, title: "Backups for a bakery till?")
            _ = try await w.thread(world.app, by: .memberA2, title: "Which antivirus for four laptops?")
            world.time.advance(by: 2 * 3600)
            _ = try await w.reply(world.app, to: answered, by: .expert, body: "Use the built-in one.")
            _ = try await w.reply(world.app, to: answered, by: .colleague, body: "Thanks!")
            _ = try await w.browser(.facilitator).signIn("fran@lead.example")
            let page = try await w.browser(.facilitator).get(SiteURL.communityHealth(w.a.slug).path)
            XCTAssertTrue(page.body.string.contains("<li><strong>2</strong> questions asked</li>"), page.body.string)
            XCTAssertTrue(page.body.string.contains("<strong>50 %</strong> answered"))
            XCTAssertTrue(page.body.string.contains("<strong>2.0 h</strong> median wait"))
            XCTAssertTrue(page.body.string.contains("<strong>4</strong> people who posted"))
            XCTAssertFalse(page.body.string.contains("Backups for a bakery"), "figures only, never content")
            let api = try await world.app.api(.GET, "/communities/\(w.a.slug)/health", token: w.tokens[.operator])
            XCTAssertEqual(api.json["questions_asked"] as? Int, 2)
            XCTAssertEqual(api.json["share_answered"] as? Double, 0.5)
            XCTAssertEqual(api.json["active_posters"] as? Int, 4)
        }
    }

    func testAnAMACollectsQuestionsVotesAndAnswersAndStaysAsARecord() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let event = try await Seed.event(world.app, in: w.a, title: "Ask Priya anything", startsIn: 7 * 86_400)
            event.kind = CommunityEvent.Kind.ama
            try await event.update(on: world.app.db)
            let path = SiteURL.communityEventQuestions(w.a.slug, try event.requireID()).path
            let eventPage = try await w.browser(.asker).get(SiteURL.communityEvent(w.a.slug, try event.requireID()).path)
            XCTAssertTrue(eventPage.body.string.contains(path))
            _ = try await w.browser(.asker).post(path, ["title": "How do I spot a fake invoice?"])
            _ = try await w.browser(.memberA2).post(path, ["title": "Is a password manager safe?", "body": "All eggs in one basket?"])
            let tooShort = try await w.browser(.colleague).post(path, ["title": "Hm"])
            XCTAssertEqual(tooShort.status, .unprocessableEntity)
            let manager = try await ConversationThread.query(on: world.app.db).filter(\.$title == "Is a password manager safe?").firstOrFail()
            for role in [ConversationWorld.Role.asker, .colleague] {
                let voted = try await w.browser(role).post(SiteURL.threadVote(try manager.requireID()).path)
                XCTAssertEqual(voted.status, .seeOther)
            }
            let page = try await w.browser(.colleague).get(path)
            let body = page.body.string
            let first = try XCTUnwrap(body.range(of: "Is a password manager safe?")), second = try XCTUnwrap(body.range(of: "How do I spot a fake invoice?"))
            XCTAssertLessThan(first.lowerBound, second.lowerBound, "most wanted first")
            XCTAssertTrue(body.contains("2 want this answered"))
            XCTAssertTrue(body.contains("Waiting for an answer (2)"))
            // The expert answers during the event; the page keeps it as answered.
            _ = try await w.reply(world.app, to: manager, by: .expert, body: "Yes — far safer than reusing passwords. Protect it with MFA.")
            let after = try await w.browser(.colleague).get(path)
            XCTAssertTrue(after.body.string.contains("Answered (1)"))
            XCTAssertTrue(after.body.string.contains("Waiting for an answer (1)"))
            // Only an AMA collects questions.
            let webinar = try await Seed.event(world.app, in: w.a, title: "Webinar")
            let notAMA = try await w.browser(.asker).get(SiteURL.communityEventQuestions(w.a.slug, try webinar.requireID()).path)
            XCTAssertEqual(notAMA.status, .notFound)
            let api = try await world.app.api(.GET, "/communities/\(w.a.slug)/events/\(try event.requireID())/questions", token: w.tokens[.asker])
            XCTAssertTrue(api.body.string.contains("\"votes\":2"), api.body.string)
        }
    }

    func testHostileMarkdownInThreadsAndRepliesIsInert() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let hostile = """
                <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>
                [q](https://x.example/" onmouseover="alert(4)) &lt;b&gt; &#x3C;script&#x3E;
                \(String(repeating: "- ", count: 300))deep
                """
            let thread = try await w.thread(world.app, kind: .discussion, title: "Hostile <b>title</b>", body: hostile)
            _ = try await w.reply(world.app, to: thread, by: .memberA2, body: hostile)
            let page = try await w.browser(.asker).get(SiteURL.thread(try thread.requireID()).path)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            for bad in ["<script>alert", "javascript:", "<img src=x", "<b>title</b>"] {
                XCTAssertFalse(html.contains(bad), bad)
            }
            // Event handlers may show as text, never as an attribute of a tag.
            let handler = try NSRegularExpression(pattern: #"<[^>]*\son[a-z]+\s*="#)
            XCTAssertEqual(handler.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html)), 0)
            XCTAssertTrue(html.contains("Hostile &lt;b&gt;title&lt;/b&gt;"))
        }
    }

    func testDeletingRepliesAndThreads() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let thread = try await w.thread(world.app)
            let answer = try await w.reply(world.app, to: thread, by: .expert, body: "Turn on MFA for the inbox today.")
            let extra = try await w.reply(world.app, to: thread, by: .memberA2, body: "Same question here, zebra.")
            let path = SiteURL.thread(try thread.requireID()).path
            _ = try await w.browser(.asker).post(path + "/accept", ["post": try answer.requireID().uuidString])
            // The thread has replies: its author may not delete it (others' words), the facilitator may.
            let refused = try await w.browser(.asker).post(SiteURL.threadDelete(try thread.requireID()).path)
            XCTAssertEqual(refused.status, .forbidden)
            let notTheirs = try await w.browser(.asker).post(SiteURL.postDelete(try extra.requireID()).path)
            XCTAssertEqual(notTheirs.status, .forbidden)
            let own = try await w.browser(.memberA2).post(SiteURL.postDelete(try extra.requireID()).path)
            XCTAssertEqual(own.status, .seeOther)
            await expectEqual(try await w.browser(.asker).get(SiteURL.search.path + "?q=zebra").body.string.contains("0 found"), true)
            // Deleting the accepted expert answer reopens the question.
            _ = try await w.browser(.expert).post(SiteURL.postDelete(try answer.requireID()).path)
            let reopened = try await ConversationThread.query(on: world.app.db).filter(\.$id == (try thread.requireID())).firstOrFail()
            XCTAssertNil(reopened.acceptedPostID)
            XCTAssertNil(reopened.firstExpertAnswerAt)
            XCTAssertEqual(reopened.replyCount, 0)
            // Without replies, the author deletes the whole thread; it is gone everywhere.
            let gone = try await w.browser(.asker).post(SiteURL.threadDelete(try thread.requireID()).path)
            XCTAssertEqual(gone.status, .seeOther)
            await expectEqual(try await w.browser(.asker).get(path).status, .notFound)
            await expectEqual(try await w.browser(.asker).get(SiteURL.search.path + "?q=verification").body.string.contains("0 found"), true)
            await expectEqual(try await PersonNotification.query(on: world.app.db).count(), 0)
        }
    }
}
