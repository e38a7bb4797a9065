import Foundation
import XCTest
@testable import ShieldwallCore

final class TrainingTests: XCTestCase {
    func testTheShippedModulesLoadWithAQuizEachAndTheIssuesTopics() throws {
        let library = try TrainingLibrary.bundled()
        XCTAssertEqual(library.ids, ["passwords", "phishing", "remote-working", "updates", "backups", "reporting-incidents", "customer-data"])
        for id in library.ids {
            let module = try XCTUnwrap(library.module(id, language: "en"))
            XCTAssertFalse(module.lessons.isEmpty, id)
            XCTAssertGreaterThanOrEqual(module.quiz.questions.count, 3, id)
        }
        XCTAssertEqual(library.module("passwords", language: "fr")?.language, "en", "an untranslated module falls back to English")
        XCTAssertNil(library.module("no-such", language: "en"))
    }

    func testAQuizIsMarkedWithFeedbackOnEveryAnswer() throws {
        let quiz = try XCTUnwrap(TrainingLibrary.bundled().module("passwords", language: "en")?.quiz)
        let right = Dictionary(uniqueKeysWithValues: quiz.questions.map { q in (q.id, q.options.first { $0.correct }!.id) })
        let passed = try quiz.mark(right).get()
        XCTAssertEqual(passed.correct, quiz.questions.count)
        XCTAssertTrue(passed.passed)
        XCTAssertEqual(passed.feedback.map(\.questionID), quiz.questions.map(\.id))

        var twoWrong = right
        for q in quiz.questions.prefix(2) { twoWrong[q.id] = q.options.first { !$0.correct }!.id }
        let failed = try quiz.mark(twoWrong).get()
        XCTAssertEqual(failed.correct, quiz.questions.count - 2)
        XCTAssertFalse(failed.passed, "pass mark is \(quiz.pass) of \(quiz.questions.count)")
        XCTAssertFalse(failed.feedback[0].correct)
        XCTAssertFalse(failed.feedback[0].text.isEmpty)

        var stranger = right
        stranger["rule"] = "three-two-one"
        XCTAssertEqual(quiz.mark(stranger), .failure(.notInQuiz(question: "rule")), "an answer to another course's question")
        var missing = right
        missing.removeValue(forKey: "reuse")
        XCTAssertEqual(quiz.mark(missing), .failure(.missing(question: "reuse")))
        var unknown = right
        unknown["reuse"] = "nonsense"
        XCTAssertEqual(quiz.mark(unknown), .failure(.unknownOption(question: "reuse", option: "nonsense")))
    }

    func testATranslationMayNotChangeWhatPasses() throws {
        let english = try XCTUnwrap(TrainingLibrary.bundled().module("backups", language: "en"))
        let changed = TrainingModule(id: english.id, version: 1, order: 1, title: "Copias", summary: "", minutes: 8, lessons: english.lessons,
                                     quiz: Quiz(pass: english.quiz.pass, questions: Array(english.quiz.questions.dropLast())))
        XCTAssertThrowsError(try TrainingLibrary(["en": [english], "es": [changed]])) { error in
            XCTAssertTrue("\(error)".contains("differ from the English version"), "\(error)")
        }
        let onlySpanish = TrainingModule(id: "only-es", version: 1, order: 1, title: "Solo", summary: "", minutes: 8, lessons: english.lessons, quiz: english.quiz)
        XCTAssertThrowsError(try TrainingLibrary(["en": [english], "es": [onlySpanish]]))
        let badPass = TrainingModule(id: "x", version: 1, order: 1, title: "X", summary: "", minutes: 8, lessons: english.lessons,
                                     quiz: Quiz(pass: 9, questions: english.quiz.questions))
        XCTAssertThrowsError(try TrainingLibrary(["en": [badPass]]))
    }

    func testStatusIsDoneDueOrOverdueAndOldCompletionsExpire() {
        XCTAssertEqual(TrainingRules.status(dueOn: "2026-12-31", assignedOn: "2026-12-01", completions: [], today: "2026-12-06").status, .due)
        XCTAssertEqual(TrainingRules.status(dueOn: "2026-12-31", assignedOn: "2026-12-01", completions: [], today: "2026-12-31").status, .due,
                       "due on the day itself")
        XCTAssertEqual(TrainingRules.status(dueOn: "2026-12-31", assignedOn: "2026-12-01", completions: [], today: "2027-01-01").status, .overdue)
        let done = TrainingRules.status(dueOn: "2026-12-31", assignedOn: "2026-12-01", completions: ["2026-03-02", "2026-12-04"], today: "2027-02-01")
        XCTAssertEqual(done.status, .done)
        XCTAssertEqual(done.doneOn, "2026-12-04")
        XCTAssertEqual(TrainingRules.status(dueOn: "2026-12-31", assignedOn: "2026-12-01", completions: ["2025-06-01"], today: "2026-12-06").status,
                       .due, "done 18 months before the assignment: a refresher is due")
        XCTAssertTrue(TrainingRules.counts(completedOn: "2025-12-01", assignedOn: "2026-12-01"))
        XCTAssertFalse(TrainingRules.counts(completedOn: "2025-11-30", assignedOn: "2026-12-01"))
    }

    func testNewStaffGetAMonthForAFirmWideAssignment() {
        XCTAssertEqual(TrainingRules.dueDay(assignmentDue: "2026-12-31", assignedOn: "2026-12-01", joinedOn: "2027-01-10", everyone: true), "2027-02-09")
        XCTAssertEqual(TrainingRules.dueDay(assignmentDue: "2027-01-31", assignedOn: "2026-12-01", joinedOn: "2026-12-05", everyone: true), "2027-01-31",
                       "the assignment's own day when it is later")
        XCTAssertEqual(TrainingRules.dueDay(assignmentDue: "2026-12-31", assignedOn: "2026-12-01", joinedOn: "2020-01-01", everyone: true), "2026-12-31")
        XCTAssertEqual(TrainingRules.dueDay(assignmentDue: "2026-12-31", assignedOn: "2026-12-01", joinedOn: "2027-01-10", everyone: false), "2026-12-31")
    }

    func testDaysTypedForTrainingAreChecked() {
        XCTAssertNil(TrainingRules.checkDue("2026-12-31", today: "2026-12-06"))
        XCTAssertEqual(TrainingRules.checkDue("2026-12-05", today: "2026-12-06"), .inThePast)
        XCTAssertEqual(TrainingRules.checkDue("2029-12-05", today: "2026-12-06"), .tooFar)
        XCTAssertEqual(TrainingRules.checkDue("2026-02-30", today: "2026-12-06"), .notADay)
        XCTAssertNil(TrainingRules.checkCompletion("2026-12-06", today: "2026-12-06"))
        XCTAssertEqual(TrainingRules.checkCompletion("2026-12-07", today: "2026-12-06"), .inTheFuture)
        XCTAssertEqual(TrainingRules.checkCompletion("2010-01-01", today: "2026-12-06"), .tooOld)
        XCTAssertEqual(TrainingRules.checkCompletion("yesterday", today: "2026-12-06"), .notADay)
    }

    func testAnExternalCourseNeedsAWebAddressAndItsFields() {
        func input(url: String, minutes: String = "45", language: String = "en", title: String = "Top tips") -> ExternalCourseInput {
            ExternalCourseInput(provider: "NCSC", minutes: minutes, version: ExternalCourseVersion(language: language, title: title, url: url, summary: "Short."))
        }
        XCTAssertEqual(input(url: "https://www.ncsc.gov.uk/training/top-tips").problems(), [:])
        XCTAssertEqual(input(url: "javascript:alert(1)").problems(), ["url": .urlNotWeb])
        XCTAssertEqual(input(url: "ftp://example.org/x").problems(), ["url": .urlNotWeb])
        XCTAssertEqual(input(url: "https://").problems(), ["url": .urlNotWeb])
        XCTAssertEqual(input(url: "https://a.org/x", minutes: "0", language: "xx", title: " ").problems(),
                       ["minutes": .minutesInvalid, "language": .languageUnknown, "title": .titleMissing])
    }

    func testCourseKeysReadBackAndRefuseStrangers() {
        let id = UUID()
        XCTAssertEqual(CourseKey("module:passwords"), .module("passwords"))
        XCTAssertEqual(CourseKey("external:\(id.uuidString)"), .external(id))
        XCTAssertEqual(CourseKey(CourseKey.external(id).description), .external(id))
        for bad in ["", "module:", "module:../x", "external:nope", "course:1", "passwords"] { XCTAssertNil(CourseKey(bad), bad) }
        XCTAssertEqual(CourseLanguages.pick("es", among: ["en", "es"]), "es")
        XCTAssertEqual(CourseLanguages.pick("es", among: ["en"]), "en")
        XCTAssertEqual(CourseLanguages.pick("es", among: ["fr", "de"]), "de")
    }
}
