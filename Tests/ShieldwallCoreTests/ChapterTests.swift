import Foundation
import XCTest
@testable import ShieldwallCore

final class ChapterTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func testTheScoreboardCountsPointsLessHintsAndBreaksTiesByTime() {
        let challenges = [CTFScoreboard.Challenge(id: "web", points: 100), .init(id: "crypto", points: 200), .init(id: "osint", points: 100)]
        let solves = [
            CTFScoreboard.Solve(player: "ada", challenge: "web", at: t0.addingTimeInterval(60)),
            .init(player: "ada", challenge: "osint", at: t0.addingTimeInterval(600)),
            .init(player: "bob", challenge: "crypto", at: t0.addingTimeInterval(300)),
            // A second correct flag for the same challenge counts once, at its first time.
            .init(player: "bob", challenge: "crypto", at: t0.addingTimeInterval(900)),
            .init(player: "cy", challenge: "crypto", at: t0.addingTimeInterval(30)),
            .init(player: "cy", challenge: "retired", at: t0.addingTimeInterval(31)),
        ]
        let unlocks = [CTFScoreboard.Unlock(player: "cy", cost: 25), .init(player: "cy", cost: 25)]
        let rows = CTFScoreboard.rank(players: ["ada", "bob", "cy", "dee"], challenges: challenges, solves: solves, unlocks: unlocks)
        // ada and bob both have 200: bob reached it at +300 s, ada at +600 s. cy paid 50 for hints. dee has nothing yet.
        XCTAssertEqual(rows.map(\.player), ["bob", "ada", "cy", "dee"])
        XCTAssertEqual(rows.map(\.score), [200, 200, 150, 0])
        XCTAssertEqual(rows.map(\.place), [1, 2, 3, 4])
        XCTAssertEqual(rows[0].reachedAt, t0.addingTimeInterval(300))
        XCTAssertEqual(rows[1].solved, 2)
        XCTAssertNil(rows[3].reachedAt)
        XCTAssertEqual(CTFScoreboard.firstSolves(solves)["crypto"]?.player, "cy")
        XCTAssertEqual(CTFScoreboard.firstSolves(solves)["web"]?.player, "ada")
    }

    func testExactTiesShareAPlaceAndAPlayerWithOnlyHintCostsIsBelowZero() {
        let challenges = [CTFScoreboard.Challenge(id: "a", points: 50)]
        let solves = [CTFScoreboard.Solve(player: "x", challenge: "a", at: t0), .init(player: "y", challenge: "a", at: t0)]
        let rows = CTFScoreboard.rank(players: ["x", "y", "z"], challenges: challenges, solves: solves, unlocks: [.init(player: "z", cost: 10)])
        XCTAssertEqual(rows.map(\.place), [1, 1, 3])
        XCTAssertEqual(rows.last?.score, -10)
    }

    func testAFlagIsKeptAsASaltedDigestAndMatchedWhole() {
        let flag = FlagDigest.make("flag{phish_the_phisher}")
        XCTAssertFalse(flag.digest.contains("phish"))
        XCTAssertEqual(flag.digest.count, 64)
        XCTAssertTrue(flag.matches("flag{phish_the_phisher}"))
        XCTAssertTrue(flag.matches("  flag{phish_the_phisher}\n"))
        XCTAssertFalse(flag.matches("flag{PHISH_the_phisher}"))
        XCTAssertFalse(flag.matches("flag{phish_the_phisher"))
        XCTAssertFalse(flag.matches(""))
        // The same flag under another salt has another digest: equal flags are not visible as equal rows.
        XCTAssertNotEqual(FlagDigest.make("flag{phish_the_phisher}").digest, flag.digest)
        XCTAssertTrue(FlagDigest.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(FlagDigest.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(FlagDigest.constantTimeEqual([1, 2, 3], [1, 2]))
    }

    func testWrongFlagsAreLimitedPerMinute() {
        let nine = (0..<9).map { t0.addingTimeInterval(Double($0)) }
        XCTAssertEqual(FlagAttempts.decide(wrong: nine, now: t0.addingTimeInterval(10)), .allow)
        let ten = nine + [t0.addingTimeInterval(9)]
        XCTAssertEqual(FlagAttempts.decide(wrong: ten, now: t0.addingTimeInterval(10)), .refuse(retryAfter: 50))
        XCTAssertEqual(FlagAttempts.decide(wrong: ten, now: t0.addingTimeInterval(61)), .allow)
    }

    func testSeatsGoInOrderOfConfirmationAndACancellationPromotesTheFirstWaiting() {
        let before = Seats.places(capacity: 2, confirmed: ["a", "b", "c", "d"])
        XCTAssertEqual(before["b"], .seat)
        XCTAssertEqual(before["c"], .waiting(1))
        XCTAssertEqual(before["d"], .waiting(2))
        let after = Seats.places(capacity: 2, confirmed: ["a", "c", "d"])
        XCTAssertEqual(after["c"], .seat)
        XCTAssertEqual(after["d"], .waiting(1))
        XCTAssertEqual(Seats.promoted(before: before, after: after), ["c"])
        // Someone newly confirmed who gets a seat at once was not promoted: they were never waiting.
        XCTAssertEqual(Seats.promoted(before: [:], after: Seats.places(capacity: 2, confirmed: ["a"])), [])
        XCTAssertEqual(Seats.places(capacity: nil, confirmed: ["a", "b"]).values.filter { $0 != .seat }.count, 0)
        XCTAssertEqual(Seats.free(capacity: 2, confirmed: 3), 0)
        XCTAssertNil(Seats.free(capacity: nil, confirmed: 3))
    }

    func testVisitorsDataGoesThirtyDaysAfterTheEventAndRegistrationIsLimited() {
        let end = t0
        XCTAssertFalse(VisitorRules.shouldErase(eventEnd: end, now: end.addingTimeInterval(29 * 86_400)))
        XCTAssertTrue(VisitorRules.shouldErase(eventEnd: end, now: end.addingTimeInterval(30 * 86_400)))
        XCTAssertFalse(VisitorRules.unconfirmedExpired(registeredAt: t0, now: t0.addingTimeInterval(47 * 3600)))
        XCTAssertTrue(VisitorRules.unconfirmedExpired(registeredAt: t0, now: t0.addingTimeInterval(49 * 3600)))
        let now = t0.addingTimeInterval(7200)
        let lastHour = (0..<5).map { now.addingTimeInterval(Double(-60 * $0)) }
        XCTAssertEqual(VisitorRules.exceeded(fromAddress: Array(lastHour.prefix(4)), forEvent: [], now: now), nil)
        XCTAssertEqual(VisitorRules.exceeded(fromAddress: lastHour, forEvent: [], now: now), .address)
        XCTAssertEqual(VisitorRules.exceeded(fromAddress: [], forEvent: [t0, t0, t0], now: now), .event)
        XCTAssertEqual(VisitorRules.exceeded(fromAddress: [t0], forEvent: [t0], now: now), nil)
    }

    func testChallengesAndWriteUpsOpenWithTheWindow() {
        XCTAssertFalse(ChapterAccess.canSeeChallenges(.before, isPlayer: true, isOrganiser: false))
        XCTAssertTrue(ChapterAccess.canSeeChallenges(.before, isPlayer: false, isOrganiser: true))
        XCTAssertTrue(ChapterAccess.canSeeChallenges(.running, isPlayer: true, isOrganiser: false))
        XCTAssertFalse(ChapterAccess.canSeeChallenges(.running, isPlayer: false, isOrganiser: false))
        XCTAssertTrue(ChapterAccess.canSeeChallenges(.ended, isPlayer: false, isOrganiser: false))
        XCTAssertFalse(ChapterAccess.canSeeWriteups(.running, isOrganiser: false))
        XCTAssertTrue(ChapterAccess.canSeeWriteups(.ended, isOrganiser: false))
        XCTAssertFalse(ChapterAccess.canPlay(.ended, isPlayer: true))
        XCTAssertFalse(ChapterAccess.canPlay(.running, isPlayer: false))
        XCTAssertFalse(ChapterAccess.canSeePublicPage(published: false, standing: nil))
        XCTAssertTrue(ChapterAccess.canSeePublicPage(published: true, standing: nil))
        XCTAssertFalse(ChapterAccess.canRegister(published: true, eventPublic: false))
    }
}

final class MentoringTests: XCTestCase {
    func testTopicsAreTidiedAndChecked() {
        XCTAssertEqual(Mentoring.topics("Phishing, OSINT,  careers;phishing"), ["careers", "osint", "phishing"])
        XCTAssertEqual(Mentoring.problem(with: []), Mentoring.TopicProblem.none)
        XCTAssertEqual(Mentoring.problem(with: (0..<9).map { "t\($0)" }), .tooMany)
        XCTAssertNil(Mentoring.problem(with: ["web"]))
    }

    func testSuggestionsShareTopicsAndRespectCapacity() {
        let mentors = [
            Mentoring.Mentor(id: "amy", topics: ["careers", "web"], capacity: 2, pairs: 1),
            .init(id: "bo", topics: ["careers", "osint", "web"], capacity: 1, pairs: 1),   // full
            .init(id: "cat", topics: ["osint", "web"], capacity: 3, pairs: 0),
            .init(id: "dan", topics: ["forensics"], capacity: 3, pairs: 0),
            .init(id: "eve", topics: ["web", "osint"], capacity: 2, pairs: 0),
        ]
        let s = Mentoring.suggest(for: ["osint", "web"], newcomer: "eve", among: mentors)
        XCTAssertEqual(s.map(\.mentor), ["cat", "amy"], "most shared topics first; full mentors, no shared topic and oneself left out")
        XCTAssertEqual(s.first?.shared, ["osint", "web"])
    }

    func testMentorshipNotesAndTalentProfilesAreForFewPeople() {
        XCTAssertTrue(ChapterAccess.canSeeMentorship(mentor: "m", mentee: "n", viewer: "n"))
        XCTAssertFalse(ChapterAccess.canSeeMentorship(mentor: "m", mentee: "n", viewer: "facilitator"))
        XCTAssertTrue(ChapterAccess.canPair(isFacilitator: false, isNewcomer: true, suggested: true))
        XCTAssertFalse(ChapterAccess.canPair(isFacilitator: false, isNewcomer: true, suggested: false))
        XCTAssertTrue(ChapterAccess.canSeeTalentProfile(owner: "s", viewer: "firm", viewerFirmTakesPart: true, published: true))
        XCTAssertFalse(ChapterAccess.canSeeTalentProfile(owner: "s", viewer: "firm", viewerFirmTakesPart: true, published: false))
        XCTAssertFalse(ChapterAccess.canSeeTalentProfile(owner: "s", viewer: "visitor", viewerFirmTakesPart: false, published: true))
    }
}

final class TalentRulesTests: XCTestCase {
    func testProfileLinksMustBeWebAddresses() {
        XCTAssertEqual(TalentRules.links("https://github.com/ada\n\nhttp://ada.example/cv"), .success(["https://github.com/ada", "http://ada.example/cv"]))
        XCTAssertEqual(TalentRules.links("https://ok.example\njavascript:alert(1)"), .failure(.notWeb(line: 2)))
        XCTAssertEqual(TalentRules.links("ftp://files.example"), .failure(.notWeb(line: 1)))
        XCTAssertEqual(TalentRules.links((1...6).map { "https://x\($0).example" }.joined(separator: "\n")), .failure(.tooMany))
    }
}

final class LabScriptTests: XCTestCase {
    func testStepsWithInstructionsHintsAndAnswers() throws {
        let text = """

        ## Find the sender's real address
        Open the message and show its headers.

        Look for `Return-Path`.
        Hint: In most mail apps it is under "Show original".
        answer:  billing@examp1e.com
        ## Report it
        Forward it to the address your firm uses for suspicious mail.
        """
        let steps = try LabScript.parse(text).get()
        XCTAssertEqual(steps.map(\.title), ["Find the sender's real address", "Report it"])
        XCTAssertEqual(steps[0].instructions, "Open the message and show its headers.\n\nLook for `Return-Path`.")
        XCTAssertEqual(steps[0].hint, "In most mail apps it is under \"Show original\".")
        XCTAssertEqual(steps[0].answer, "billing@examp1e.com")
        XCTAssertNil(steps[1].answer, "a step without an answer is done when the learner says so")
    }

    func testMistakesSayWhere() {
        XCTAssertEqual(LabScript.parse("Intro\n## Step"), .failure(.textBeforeFirstStep(line: 1)))
        XCTAssertEqual(LabScript.parse("## One\ntext\n##\nmore"), .failure(.emptyTitle(line: 3)))
        XCTAssertEqual(LabScript.parse("## One\nHint: a\n## Two\ntext"), .failure(.noInstructions(step: 1)))
        XCTAssertEqual(LabScript.parse("## One\ntext\nAnswer: a\nAnswer: b"), .failure(.duplicate(step: 1, field: "Answer")))
        XCTAssertEqual(LabScript.parse("  \n"), .failure(.noSteps))
        XCTAssertEqual(LabScript.parse((0...LabScript.maxSteps).map { "## S\($0)\nx" }.joined(separator: "\n")), .failure(.tooManySteps))
    }

    func testStepsAreTakenInOrder() {
        XCTAssertEqual(LabScript.current(steps: 3, done: []), 0)
        XCTAssertEqual(LabScript.current(steps: 3, done: [0, 2]), 1)
        XCTAssertNil(LabScript.current(steps: 2, done: [0, 1]))
    }

    func testLabsAreWrittenByFacilitatorsAndExperts() {
        let expert = CommunityStanding(role: .expert, acceptedCharterVersion: 1, currentCharterVersion: 1, isOperator: false)
        var member = expert
        member.role = .member
        XCTAssertTrue(ChapterAccess.canWriteLabs(expert))
        XCTAssertFalse(ChapterAccess.canWriteLabs(member))
        XCTAssertFalse(ChapterAccess.canWriteLabs(nil))
        XCTAssertTrue(ChapterAccess.canWithdrawLab(expert, isAuthor: true))
        XCTAssertFalse(ChapterAccess.canWithdrawLab(expert, isAuthor: false), "another expert's lab")
        XCTAssertFalse(ChapterAccess.canWithdrawLab(member, isAuthor: true), "no longer a writer")
        XCTAssertTrue(ChapterAccess.canPostOpening(isFirmAdmin: true, firmTakesPart: true))
        XCTAssertFalse(ChapterAccess.canPostOpening(isFirmAdmin: true, firmTakesPart: false))
    }
}

final class CTFTeamsTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func testTeammatesScoreTogetherAndAChallengeCountsOnce() {
        let entrants = CTFTeams.entrants(["ann": "Red Kites", "bob": " red kites ", "cy": nil, "di": ""])
        XCTAssertEqual(entrants["ann"], entrants["bob"], "same team whatever the case and spaces")
        XCTAssertEqual(entrants["cy"], "cy")
        XCTAssertEqual(entrants["di"], "di", "an empty team name plays alone")
        let challenges = [CTFScoreboard.Challenge(id: "c1", points: 100), .init(id: "c2", points: 50)]
        let solves = [
            CTFScoreboard.Solve(player: "ann", challenge: "c1", at: t0),
            .init(player: "bob", challenge: "c1", at: t0.addingTimeInterval(10)),  // the team has it already
            .init(player: "bob", challenge: "c2", at: t0.addingTimeInterval(20)),
            .init(player: "cy", challenge: "c1", at: t0.addingTimeInterval(5)),
        ]
        let unlocks = [CTFTeams.HintUnlock(player: "ann", hint: "h1", cost: 20), .init(player: "bob", hint: "h1", cost: 20)]
        let rows = CTFTeams.rank(entrants: entrants, challenges: challenges, solves: solves, unlocks: unlocks)
        XCTAssertEqual(rows.map(\.player), [CTFTeams.key("Red Kites"), "cy", "di"])
        XCTAssertEqual(rows.first?.score, 130, "150 points, one hint of 20 paid once")
        XCTAssertEqual(rows.first?.solved, 2)
    }

    func testTeamsCloseWhenFullOrOnceAPlayerScored() {
        XCTAssertNil(CTFTeams.canJoin(phase: .before, hasScored: false, teamSize: CTFTeams.maxSize - 1))
        XCTAssertEqual(CTFTeams.canJoin(phase: .running, hasScored: false, teamSize: CTFTeams.maxSize), .full)
        XCTAssertEqual(CTFTeams.canJoin(phase: .running, hasScored: true, teamSize: 0), .alreadyScored)
        XCTAssertEqual(CTFTeams.canJoin(phase: .ended, hasScored: false, teamSize: 0), .over)
    }
}
