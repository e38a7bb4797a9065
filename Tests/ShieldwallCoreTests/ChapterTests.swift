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
