import Foundation
import XCTest
@testable import ShieldwallCore

final class ConversationRulesTests: XCTestCase {
    func standing(_ role: CommunityRole?, status: ParticipationStatus = .active, accepted: Int? = 1, archived: Bool = false,
                  isOperator: Bool = false) -> CommunityStanding {
        CommunityStanding(role: role, status: status, acceptedCharterVersion: accepted, currentCharterVersion: 1, isOperator: isOperator,
                          communityArchived: archived)
    }

    func testWhoMayStartWhat() {
        XCTAssertTrue(ConversationAccess.canStart(.question, standing(.member)))
        XCTAssertTrue(ConversationAccess.canStart(.discussion, standing(.member)))
        XCTAssertFalse(ConversationAccess.canStart(.announcement, standing(.member)))
        XCTAssertTrue(ConversationAccess.canStart(.announcement, standing(.expert)))
        XCTAssertTrue(ConversationAccess.canStart(.announcement, standing(.facilitator)))
        XCTAssertFalse(ConversationAccess.canStart(.question, standing(.member, accepted: nil)), "charter not accepted")
        XCTAssertFalse(ConversationAccess.canStart(.question, standing(.member, archived: true)), "archived is read-only")
        XCTAssertFalse(ConversationAccess.canStart(.question, standing(.member, status: .suspended)))
        XCTAssertFalse(ConversationAccess.canStart(.question, standing(nil, isOperator: true)), "operators read no content")
        XCTAssertFalse(ConversationAccess.canRead(standing(nil, isOperator: true)))
    }

    func testLockedThreadsEditsAndAnswers() {
        let me = UUID(), other = UUID()
        XCTAssertFalse(ConversationAccess.canReply(locked: true, standing(.member)))
        XCTAssertTrue(ConversationAccess.canReply(locked: true, standing(.facilitator)))
        XCTAssertTrue(ConversationAccess.canReply(locked: false, standing(.member)))
        XCTAssertTrue(ConversationAccess.canEdit(authorID: me, viewerID: me, standing(.member)))
        XCTAssertFalse(ConversationAccess.canEdit(authorID: other, viewerID: me, standing(.member)))
        XCTAssertFalse(ConversationAccess.canEdit(authorID: other, viewerID: me, standing(.expert)))
        XCTAssertTrue(ConversationAccess.canEdit(authorID: other, viewerID: me, standing(.facilitator)))
        XCTAssertFalse(ConversationAccess.canEdit(authorID: me, viewerID: me, standing(.member, status: .former)), "a leaver edits nothing")
        XCTAssertTrue(ConversationAccess.canAccept(kind: .question, askerID: me, viewerID: me, standing(.member)))
        XCTAssertFalse(ConversationAccess.canAccept(kind: .discussion, askerID: me, viewerID: me, standing(.member)))
        XCTAssertFalse(ConversationAccess.canAccept(kind: .question, askerID: other, viewerID: me, standing(.expert)))
        XCTAssertTrue(ConversationAccess.canAccept(kind: .question, askerID: other, viewerID: me, standing(.facilitator)))
        XCTAssertTrue(ConversationAccess.isExpertAnswer(.expert))
        XCTAssertFalse(ConversationAccess.isExpertAnswer(.member))
    }

    func testTags() {
        XCTAssertEqual(try Tags.parse("Backups, MFA  #phishing,backups").get(), ["backups", "mfa", "phishing"])
        XCTAssertEqual(try Tags.parse("").get(), [])
        XCTAssertEqual(Tags.parse("a,b,c,d,e,f"), .failure(.tooMany(5)))
        XCTAssertEqual(Tags.parse("ok, <script>"), .failure(.invalid("<script>")))
        XCTAssertEqual(Tags.parse(String(repeating: "x", count: 25)), .failure(.invalid(String(repeating: "x", count: 25))))
        XCTAssertEqual(Tags.stored(["a", "b"]), ",a,b,")
        XCTAssertEqual(Tags.read(",a,b,"), ["a", "b"])
        XCTAssertEqual(Tags.read(""), [])
    }

    func testMentions() {
        XCTAssertEqual(Mentions.handle(for: "Priya Shah"), "priya-shah")
        XCTAssertEqual(Mentions.handle(for: "  Dr. Anne-Marie O'Neil "), "dr-anne-marie-o-neil")
        XCTAssertEqual(Mentions.handle(for: "Zoë Brontë"), "zoë-brontë")
        XCTAssertEqual(Mentions.handles(in: "Thanks @priya-shah and @Tom! Mail me at sam@example.com, @priya-shah."), ["priya-shah", "tom"])
        XCTAssertEqual(Mentions.handles(in: "@ nobody, @-, @@x"), ["x"])
        XCTAssertEqual(Mentions.handles(in: "no mentions"), [])
    }

    func testSearchQueriesAreReducedToWords() throws {
        XCTAssertEqual(try SearchQuery.parse("MFA backup").get().words, ["mfa", "backup"])
        // FTS syntax characters and operators are plain words or separators, never syntax.
        let hostile = try SearchQuery.parse("\"unbalanced * NEAR(a b) OR title:x AND -y ^z 'q").get()
        XCTAssertEqual(hostile.words, ["unbalanced", "near", "a", "b", "or", "title", "x", "and", "y", "z", "q"].prefix(8).map { $0 })
        XCTAssertEqual(hostile.fts5, #""unbalanced"* "near"* "a"* "b"* "or"* "title"* "x"* "and"*"#)
        XCTAssertEqual(try SearchQuery.parse("backup & !mfa | x:*").get().tsquery, "backup:* & mfa:* & x:*")
        XCTAssertEqual(SearchQuery.parse("\"*\" ()"), .failure(.empty))
        XCTAssertEqual(SearchQuery.parse(""), .failure(.empty))
        XCTAssertEqual(SearchQuery.parse(String(repeating: "a ", count: 101)), .failure(.tooLong(200)))
        XCTAssertEqual(try SearchQuery.parse("Café résumé").get().words, ["café", "résumé"])
    }

    func testHighlightParts() {
        let s = "a \u{2}mfa\u{3} b \u{2}unterminated"
        let parts = SearchHighlight.parts(s)
        XCTAssertEqual(parts.map(\.0), ["a ", "mfa", " b ", "unterminated"])
        XCTAssertEqual(parts.map(\.1), [false, true, false, true])
        XCTAssertEqual(SearchHighlight.parts("plain").map(\.0), ["plain"])
    }

    func testPollRules() {
        XCTAssertEqual(try PollRules.options(from: "Yes\n\n No \r\nMaybe").get(), ["Yes", "No", "Maybe"])
        XCTAssertEqual(PollRules.options(from: "Only one"), .failure(.tooFewOptions))
        XCTAssertEqual(PollRules.options(from: (1...11).map(String.init).joined(separator: "\n")), .failure(.tooManyOptions))
        XCTAssertEqual(PollRules.options(from: "Yes\nyes"), .failure(.duplicateOption))
        XCTAssertEqual(PollRules.options(from: "a\n" + String(repeating: "b", count: 101)), .failure(.optionTooLong))
        let a = UUID(), b = UUID()
        XCTAssertNil(PollRules.checkVote(choices: [a], options: [a, b], multiple: false, closed: false, alreadyVoted: false))
        XCTAssertNil(PollRules.checkVote(choices: [a, b], options: [a, b], multiple: true, closed: false, alreadyVoted: false))
        XCTAssertEqual(PollRules.checkVote(choices: [a, b], options: [a, b], multiple: false, closed: false, alreadyVoted: false), .oneOnly)
        XCTAssertEqual(PollRules.checkVote(choices: [a], options: [a, b], multiple: false, closed: true, alreadyVoted: false), .closed)
        XCTAssertEqual(PollRules.checkVote(choices: [a], options: [a, b], multiple: false, closed: false, alreadyVoted: true), .alreadyVoted)
        XCTAssertEqual(PollRules.checkVote(choices: [], options: [a, b], multiple: false, closed: false, alreadyVoted: false), .noChoice)
        XCTAssertEqual(PollRules.checkVote(choices: [UUID()], options: [a, b], multiple: false, closed: false, alreadyVoted: false), .unknownOption)
        let now = Date()
        XCTAssertTrue(PollRules.isClosed(closesAt: now, closedEarly: false, now: now))
        XCTAssertTrue(PollRules.isClosed(closesAt: now.addingTimeInterval(60), closedEarly: true, now: now))
        XCTAssertFalse(PollRules.canSeeResults(voted: false, closed: false))
        XCTAssertTrue(PollRules.canSeeResults(voted: true, closed: false))
        XCTAssertTrue(PollRules.canSeeResults(voted: false, closed: true))
    }

    func testConversationFigures() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let qs = [
            ConversationFigures.Question(askedAt: t0, firstExpertAnswerAt: t0.addingTimeInterval(2 * 3600), accepted: true),
            ConversationFigures.Question(askedAt: t0, firstExpertAnswerAt: t0.addingTimeInterval(10 * 3600), accepted: false),
            ConversationFigures.Question(askedAt: t0, firstExpertAnswerAt: nil, accepted: true),
            ConversationFigures.Question(askedAt: t0, firstExpertAnswerAt: nil, accepted: false),
        ]
        let f = ConversationFigures(questions: qs, posters: 7)
        XCTAssertEqual(f.questionsAsked, 4)
        XCTAssertEqual(f.shareAnswered, 0.75)
        XCTAssertEqual(f.medianHoursToExpertAnswer, 6)
        XCTAssertEqual(f.activePosters, 7)
        let none = ConversationFigures(questions: [], posters: 0)
        XCTAssertNil(none.shareAnswered)
        XCTAssertNil(none.medianHoursToExpertAnswer)
    }

    func testDigestIntervals() {
        XCTAssertEqual(NotificationDelivery.daily.digestInterval, 86_400)
        XCTAssertEqual(NotificationDelivery.weekly.digestInterval, 604_800)
        XCTAssertNil(NotificationDelivery.emailNow.digestInterval)
        XCTAssertFalse(NotificationDelivery.none.showsInApp)
    }
}
