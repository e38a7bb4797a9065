import Foundation
import XCTest
@testable import ShieldwallCore

final class CommunityRulesTests: XCTestCase {
    func standing(_ role: CommunityRole?, _ status: ParticipationStatus = .active, accepted: Int? = 2, current: Int = 2,
                  op: Bool = false, archived: Bool = false) -> CommunityStanding {
        CommunityStanding(role: role, status: status, acceptedCharterVersion: accepted, currentCharterVersion: current,
                          isOperator: op, communityArchived: archived)
    }

    func testContentNeedsActiveParticipationAndTheCurrentCharter() {
        for role in CommunityRole.allCases {
            XCTAssertTrue(CommunityAccess.canSeeContent(standing(role)), "\(role)")
            XCTAssertFalse(CommunityAccess.canSeeContent(standing(role, accepted: nil)), "\(role) before accepting")
            XCTAssertFalse(CommunityAccess.canSeeContent(standing(role, accepted: 1)), "\(role) with an old charter")
            XCTAssertFalse(CommunityAccess.canSeeContent(standing(role, .suspended)), "\(role) suspended")
            XCTAssertFalse(CommunityAccess.canSeeContent(standing(role, .former)), "\(role) former")
        }
        XCTAssertFalse(CommunityAccess.canSeeContent(standing(nil, op: true)), "an operator who is not a member sees no content")
        XCTAssertTrue(CommunityAccess.canSeeFigures(standing(nil, op: true)))
        XCTAssertTrue(CommunityAccess.canReadCharter(standing(.member, accepted: nil)), "must be able to read it to accept it")
        XCTAssertFalse(CommunityAccess.canReadCharter(standing(nil)))
    }

    func testFacilitationAndArchiving() {
        XCTAssertTrue(CommunityAccess.canFacilitate(standing(.facilitator)))
        XCTAssertFalse(CommunityAccess.canFacilitate(standing(.expert)))
        XCTAssertFalse(CommunityAccess.canFacilitate(standing(.facilitator, archived: true)), "archived is read-only")
        XCTAssertTrue(CommunityAccess.canSeeContent(standing(.member, archived: true)), "but still readable")
        XCTAssertFalse(CommunityAccess.canParticipate(standing(.member, archived: true)))
        XCTAssertFalse(CommunityAccess.canSeeFigures(standing(.member)))
        XCTAssertFalse(CommunityAccess.canAdminister(standing(.facilitator)))
    }

    func testSizeGuidanceWarnsAndTheCapRefuses() {
        let guidance = SizeGuidance(organisations: 9, experts: 3, hardCap: 12)
        XCTAssertEqual(guidance.organisationVerdict(current: 7, pending: 1), .fine)
        XCTAssertEqual(guidance.organisationVerdict(current: 8, pending: 1), .aboveGuidance(guidance: 9, resulting: 10))
        XCTAssertEqual(guidance.organisationVerdict(current: 12, pending: 0), .refused(cap: 12))
        XCTAssertEqual(guidance.expertVerdict(current: 3, pending: 0), .aboveGuidance(guidance: 3, resulting: 4))
        XCTAssertEqual(SizeGuidance().organisationVerdict(current: 30, pending: 0), .aboveGuidance(guidance: 9, resulting: 31))
    }

    func testSlugs() {
        XCTAssertEqual(Slug.make(from: "Leeds Independent Shops!"), "leeds-independent-shops")
        XCTAssertEqual(Slug.make(from: "  Café & Co — York  "), "caf-co-york")
        XCTAssertTrue(Slug.isValid("leeds-shops"))
        XCTAssertFalse(Slug.isValid("Leeds"))
        XCTAssertFalse(Slug.isValid("a--b"))
    }

    func testRecurrenceKeepsLocalTimeAcrossSummerTime() throws {
        let london = try XCTUnwrap(TimeZone(identifier: "Europe/London"))
        let first = Date(timeIntervalSince1970: 1_805_392_800) // 2027-03-18 18:00 GMT
        let dates = Recurrence(everyMonths: 1, count: 3).occurrences(from: first, in: london)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = london
        XCTAssertEqual(dates.count, 3)
        XCTAssertEqual(dates.map { calendar.component(.hour, from: $0) }, [18, 18, 18], "18:00 local, before and after the clocks change")
        XCTAssertEqual(dates[1].timeIntervalSince(dates[0]), 31 * 86400 - 3600, "one hour shorter across the change")
    }

    func testICalendarEscapesFoldsAndUsesCRLF() {
        let start = Date(timeIntervalSince1970: 1_805_392_800)
        let text = ICalendar(name: "Leeds, Shops", events: [ICalendar.Event(
            uid: "e1@shieldwall", start: start, end: start.addingTimeInterval(3600),
            summary: "Backups; why, and how\nnext steps", description: String(repeating: "é", count: 60),
            location: "Online", url: "https://example.org/e1", updated: start)]).render(now: start)
        XCTAssertTrue(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        XCTAssertTrue(text.hasSuffix("END:VCALENDAR\r\n"))
        XCTAssertTrue(text.contains("X-WR-CALNAME:Leeds\\, Shops\r\n"))
        XCTAssertTrue(text.contains("SUMMARY:Backups\\; why\\, and how\\nnext steps\r\n"))
        XCTAssertTrue(text.contains("DTSTART:20270318T180000Z\r\n"))
        for line in text.components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 75, line)
        }
        XCTAssertTrue(text.contains("\r\n é"), "long lines continue after a space")
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feeds")
    }

    func testHealthFigures() {
        let now = Date(timeIntervalSince1970: 1_805_392_800)
        let day: TimeInterval = 86400
        let health = CommunityHealth(
            memberships: [.init(joined: now - 200 * day, left: nil), .init(joined: now - 100 * day, left: nil),
                          .init(joined: now - 300 * day, left: now - 40 * day)],
            activeExperts: 2, openInvitations: 1, invitedFirms: 5, firmsWithCharter: 2, firmsActive: 1, activePeopleLast30Days: 3,
            events: [.init(start: now - 10 * day, attended: 3, saidGoing: 4), .init(start: now - 40 * day, attended: nil, saidGoing: 2),
                     .init(start: now + 10 * day, attended: nil, saidGoing: 5)],
            now: now)
        XCTAssertEqual(health.activeOrganisations, 2)
        XCTAssertEqual(health.funnel, .init(invited: 5, joined: 3, charterAccepted: 2, active: 1))
        XCTAssertEqual(health.eventsHeld, 2, "future events are not held yet")
        XCTAssertEqual(health.attendanceRate, 0.75)
        XCTAssertEqual(health.months.count, 12)
        XCTAssertEqual(health.months.last?.members, 2)
        XCTAssertEqual(health.months.map(\.eventsHeld).reduce(0, +), 2)
        XCTAssertEqual(health.months.first?.members, 0, "eleven months ago nobody had joined yet")
        XCTAssertEqual(health.months.map(\.members).max(), 3, "all three between the third joining and the first leaving")
    }
}
