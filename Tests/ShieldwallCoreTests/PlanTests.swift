import Foundation
import XCTest
@testable import ShieldwallCore

final class PlanContentTests: XCTestCase {
    func template() throws -> PlanContent { try PlanTemplate.bundled().content }

    func testTheShippedTemplateHasEverySectionAndItsPlaybooksExist() throws {
        let template = try PlanTemplate.bundled()
        XCTAssertEqual(template.sections.map(\.id), PlanSectionKind.allCases)
        XCTAssertGreaterThanOrEqual(template.content.measures.count, 18)
        let playbooks = Set(try PlaybookLibrary.bundled().map(\.id))
        XCTAssertTrue(template.content.measures.compactMap(\.playbook).allSatisfy(playbooks.contains))
        XCTAssertNotNil(PlanContent.read(json: template.content.json()))
        XCTAssertEqual(PlanContent.read(json: template.content.json()), template.content, "stored and read back unchanged")
    }

    func testChangesAreMadeOrRefusedWithTheReason() throws {
        let plan = try template()
        let edited = try plan.applying(.edit(measure: "prevent-backups", title: "Backups", text: "  Daily, one copy offline.  ")).get()
        XCTAssertEqual(edited.measure("prevent-backups")?.text, "Daily, one copy offline.")
        let added = try edited.applying(.add(section: .recover, title: "Call the insurer first", text: "Before paying anyone.")).get()
        XCTAssertEqual(added.sections.first { $0.id == .recover }?.measures.last?.id, "recover-call-the-insurer-first")
        let twice = try added.applying(.add(section: .recover, title: "Call the insurer first!", text: "")).get()
        XCTAssertEqual(twice.sections.first { $0.id == .recover }?.measures.last?.id, "recover-call-the-insurer-first-2", "ids stay unique")
        let removed = try twice.applying(.remove(measure: "prevent-backups")).get()
        XCTAssertNil(removed.measure("prevent-backups"))

        XCTAssertEqual(plan.applying(.edit(measure: "nope", title: "x", text: "")), .failure(.unknownMeasure("nope")))
        XCTAssertEqual(plan.applying(.add(section: .people, title: "  ", text: "x")), .failure(.emptyTitle))
        XCTAssertEqual(plan.applying(.add(section: .people, title: "t", text: String(repeating: "x", count: 4_001))), .failure(.textTooLong(max: 4_000)))
        let same = try XCTUnwrap(plan.measure("prevent-backups"))
        XCTAssertEqual(plan.applying(.edit(measure: same.id, title: same.title, text: same.text)), .failure(.noChange))
    }

    func testADiffNamesTheMeasuresAndMarksTheWords() throws {
        let v1 = try template()
        let v2 = try v1.applying(.edit(measure: "prevent-updates", title: "Updates on within a week",
                                       text: "Computers and phones install security updates within seven days.")).get()
            .applying(.remove(measure: "people-leavers")).get()
            .applying(.add(section: .detect, title: "A monthly look at sign-ins", text: "Someone reads the sign-in log.")).get()
        let changes = PlanDiff.measures(from: v1, to: v2)
        XCTAssertEqual(changes.map(\.kind), [.reworded, .added, .removed])
        XCTAssertEqual(changes.map(\.measureID), ["prevent-updates", "detect-a-monthly-look-at-sign", "people-leavers"])

        let lines = PlanDiff.lines(from: v1, to: v2)
        XCTAssertTrue(lines.contains(.removed("### Updates on within two weeks")))
        XCTAssertTrue(lines.contains(.added("### Updates on within a week")))
        XCTAssertTrue(lines.contains(.added("### A monthly look at sign-ins")))
        XCTAssertTrue(lines.contains { if case .skipped = $0 { return true } else { return false } }, "unchanged stretches are left out")
        XCTAssertEqual(PlanDiff.lines(from: v1, to: v1), [], "no change, no diff")

        XCTAssertEqual(PlanDiff.words(from: "Back up every day to a disk.", to: "Back up every hour to a disk."),
                       [.same("Back up every "), .removed("day "), .added("hour "), .same("to a disk.")])
    }
}

final class PlanRulesTests: XCTestCase {
    func testSignOffStatesAndWhatMayBeSigned() {
        XCTAssertEqual(PlanSignOff.state(signed: 3, current: 3), .current)
        XCTAssertEqual(PlanSignOff.state(signed: 2, current: 3), .older(version: 2))
        XCTAssertEqual(PlanSignOff.state(signed: nil, current: 3), .never)
        XCTAssertEqual(PlanSignOff.problem(signing: 4, published: false, current: 3, signedByFirm: nil), .notPublished)
        XCTAssertEqual(PlanSignOff.problem(signing: 2, published: true, current: 3, signedByFirm: nil), .notCurrent(current: 3))
        XCTAssertEqual(PlanSignOff.problem(signing: 3, published: true, current: 3, signedByFirm: 3), .alreadySigned)
        XCTAssertNil(PlanSignOff.problem(signing: 3, published: true, current: 3, signedByFirm: 2))
    }

    func testAFirmSaysHowAMeasureAppliesToIt() {
        XCTAssertEqual(MeasureAdoption.read(status: "adopted", note: nil), .success(.adopted))
        XCTAssertEqual(MeasureAdoption.read(status: "adapted", note: " Weekly, not daily "), .success(.adapted(note: "Weekly, not daily")))
        XCTAssertEqual(MeasureAdoption.read(status: "adapted", note: " "), .failure(.noteRequired))
        XCTAssertEqual(MeasureAdoption.read(status: "not-applicable", note: ""), .failure(.reasonRequired))
        XCTAssertEqual(MeasureAdoption.read(status: "maybe", note: "x"), .failure(.unknownStatus))
        XCTAssertEqual(MeasureAdoption.read(status: "adapted", note: String(repeating: "x", count: 1_001)), .failure(.tooLong(max: 1_000)))
    }

    func testReviewDatesAndReminders() {
        XCTAssertEqual(PlanReviewSchedule.nextReview(after: "2026-01-31", months: 1), "2026-02-28")
        XCTAssertEqual(PlanReviewSchedule.nextReview(after: "2026-11-15", months: 3), "2027-02-15")
        XCTAssertNil(PlanReviewSchedule.nextReview(after: "2026-02-30", months: 3), "not a calendar day")
        XCTAssertNil(PlanReviewSchedule.reminder(today: "2026-03-01", reviewOn: "2026-03-20", sent: nil), "too early")
        XCTAssertEqual(PlanReviewSchedule.reminder(today: "2026-03-06", reviewOn: "2026-03-20", sent: nil), .soon)
        XCTAssertNil(PlanReviewSchedule.reminder(today: "2026-03-10", reviewOn: "2026-03-20", sent: .soon), "once")
        XCTAssertEqual(PlanReviewSchedule.reminder(today: "2026-03-20", reviewOn: "2026-03-20", sent: .soon), .due)
        XCTAssertEqual(PlanReviewSchedule.reminder(today: "2026-04-02", reviewOn: "2026-03-20", sent: nil), .due, "a missed notice is not sent late")
        XCTAssertNil(PlanReviewSchedule.reminder(today: "2026-04-02", reviewOn: "2026-03-20", sent: .due))
    }
}

final class PlaybookTests: XCTestCase {
    func testTheShippedLibraryLoadsAndIsChecked() throws {
        let library = try PlaybookLibrary.bundled()
        XCTAssertEqual(Set(library.map(\.id)), ["ransomware", "invoice-fraud", "phishing-click", "account-takeover", "lost-device",
                                                "denial-of-service", "data-breach", "malware"])
        XCTAssertTrue(library.allSatisfy { $0.problem() == nil && !$0.evidence.isEmpty })
        var broken = try XCTUnwrap(library.first)
        broken.phases[0].steps.append(broken.phases[0].steps[0])
        XCTAssertEqual(broken.problem(), "step id '\(broken.phases[0].steps[0].id)' is used twice")
    }

    func testAHelpRequestFindsItsPlaybook() throws {
        let library = try PlaybookLibrary.bundled()
        XCTAssertEqual(PlaybookLibrary.match("All our files are encrypted and there is a ransom note on the screen", among: library)?.id, "ransomware")
        XCTAssertEqual(PlaybookLibrary.match("A supplier e-mailed new bank details and we paid the invoice", among: library)?.id, "invoice-fraud")
        XCTAssertEqual(PlaybookLibrary.match("Our web shop is down, the host says traffic is huge", among: library)?.id, "denial-of-service")
        XCTAssertNil(PlaybookLibrary.match("The printer makes a strange noise", among: library))
        XCTAssertEqual(PlaybookLibrary.match("Nobody can sign in: the sign-in page says the password is wrong", among: library)?.id, "account-takeover",
                       "a match with a hyphen is read as the words are")
    }

    func testPlaybookTextRoundTripsAndNamesTheLineThatIsWrong() throws {
        let shipped = try XCTUnwrap(try PlaybookLibrary.bundled().first { $0.id == "ransomware" })
        let parsed = try PlaybookText.parse(PlaybookText.render(shipped.phases)).get()
        XCTAssertEqual(parsed.map(\.title), shipped.phases.map(\.title))
        XCTAssertEqual(parsed.flatMap(\.steps).map(\.text), shipped.steps.map(\.text))
        XCTAssertEqual(parsed.flatMap(\.steps).compactMap(\.call), shipped.steps.compactMap(\.call))

        let joined = try PlaybookText.parse("## First\n- Call the bank\n  and ask for a recall. [call: bank]\n").get()
        XCTAssertEqual(joined[0].steps.map(\.text), ["Call the bank and ask for a recall."])
        XCTAssertEqual(joined[0].steps.first?.call, .bank)

        XCTAssertEqual(PlaybookText.parse("- a step\n"), .failure(.init(line: 1, reason: .stepBeforePhase)))
        XCTAssertEqual(PlaybookText.parse("## One\n- ok\n## Two\n\n## Three\n- x"), .failure(.init(line: 3, reason: .phaseWithoutSteps("Two"))))
        XCTAssertEqual(PlaybookText.parse("## One\n- call [call: plumber]"), .failure(.init(line: 2, reason: .unknownRole("plumber"))))
        XCTAssertEqual(PlaybookText.parse("  \n"), .failure(.init(line: 0, reason: .noPhases)))
    }
}

final class HelpRequestRulesTests: XCTestCase {
    func testWhoMayDoWhatAndWhen() {
        XCTAssertNil(HelpRequestRules.problem(.take, status: .open, isHelper: true))
        XCTAssertEqual(HelpRequestRules.problem(.take, status: .open, isHelper: false), .onlyHelpersTake)
        XCTAssertEqual(HelpRequestRules.problem(.take, status: .taken, isHelper: true), .alreadyTaken)
        XCTAssertEqual(HelpRequestRules.problem(.note, status: .resolved, isHelper: true), .alreadyResolved)
        XCTAssertEqual(HelpRequestRules.problem(.reopen, status: .taken, isHelper: false), .notResolved)
        XCTAssertEqual(HelpRequestRules.status(after: .reopen, from: .resolved), .open)
        XCTAssertFalse(HelpRequestRules.markings.contains(.red))
    }

    func testMedianTimeToFirstResponse() {
        let t = Date(timeIntervalSince1970: 1_000_000)
        XCTAssertNil(HelpRequestRules.medianMinutesToFirstResponse([(t, nil)]))
        XCTAssertEqual(HelpRequestRules.medianMinutesToFirstResponse([(t, t.addingTimeInterval(600)), (t, t.addingTimeInterval(3_000)), (t, nil)]), 30)
        XCTAssertEqual(HelpRequestRules.medianMinutesToFirstResponse([(t, t.addingTimeInterval(600)), (t, t.addingTimeInterval(1_200)),
                                                                      (t, t.addingTimeInterval(6_000))]), 20)
    }

    func testReportPlacesAreReadLineByLineAndABadLineIsNamed() {
        let text = "NCSC | https://www.ncsc.gov.uk/section/about-this-website/report-scam-website | a scam website\n\nAction Fraud | https://www.actionfraud.police.uk | fraud and cyber crime"
        guard case .success(let places) = ReportPlace.parse(text) else { return XCTFail("two places") }
        XCTAssertEqual(places.map(\.name), ["NCSC", "Action Fraud"])
        XCTAssertEqual(places[1].when, "fraud and cyber crime")
        XCTAssertEqual(ReportPlace.parse("ICO | https://ico.org.uk\nPolice | javascript:alert(1)"), .failure(.badLine(2)))
        XCTAssertEqual(ReportPlace.parse("Just a name"), .failure(.badLine(1)))
    }
}
