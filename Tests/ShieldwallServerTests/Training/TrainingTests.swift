import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A firm's admin assigns courses; people take our quizzes or record an external course as done; the matrix, the
/// reminders, the digest and the API show it; what people type wrong is refused and nothing half-written.
final class TrainingTests: XCTestCase {
    struct Firm {
        let id: UUID
        let org: Organisation
        let admin: TestBrowser
        let adminPerson: Person
        let staff: TestBrowser
        let staffPerson: Person
    }

    func firm(_ app: Application) async throws -> Firm {
        let org = try await Seed.organisation(app, name: "Hartley's Bakery")
        let admin = try await Seed.person(app, email: "admin@bakery.example", name: "Anna Hartley", organisation: org, role: .admin)
        let staff = try await Seed.person(app, email: "staff@bakery.example", name: "Sam Baker", organisation: org, role: .staff)
        return Firm(id: try org.requireID(), org: org, admin: try await TestBrowser.signedIn(app, "admin@bakery.example"), adminPerson: admin,
                    staff: try await TestBrowser.signedIn(app, "staff@bakery.example"), staffPerson: staff)
    }

    func day(_ app: Application, _ days: Int) -> String { CalendarDay.string(app.shieldwall.time.now.addingTimeInterval(Double(days) * 86_400)) }

    func rightAnswers(_ id: String) throws -> [(String, String)] {
        let quiz = try XCTUnwrap(TrainingContent.library().module(id, language: "en")?.quiz)
        return quiz.questions.map { q in (q.id, q.options.first { $0.correct }?.id ?? "") }
    }

    func testAnAdminAssignsToEveryoneAStaffMemberPassesAndTheMatrixShowsIt() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let assigned = try await f.admin.post(SiteURL.organisationTraining(f.id).path,
                                                  pairs: [("course", "module:phishing"), ("person", "everyone"), ("dueOn", day(app, 14))])
            XCTAssertEqual(assigned.status, .seeOther, assigned.body.string)
            let mail = try XCTUnwrap(world.mailer.sent.first { $0.to == "staff@bakery.example" })
            XCTAssertEqual(mail.subject, "Training for you: Phishing and invoice fraud")
            XCTAssertTrue(mail.body.contains("/training/courses/phishing"), mail.body)
            XCTAssertFalse(world.mailer.sent.contains { $0.to == "admin@bakery.example" }, "the admin who assigned is not mailed")

            let mine = try await f.staff.get(SiteURL.training.path)
            XCTAssertTrue(mine.body.string.contains("Due by \(day(app, 14))"), mine.body.string)

            // A wrong attempt is kept and explained; the course stays due.
            var answers = try rightAnswers("phishing")
            answers[0].1 = "reply"
            answers[1].1 = "greeting"
            let failed = try await f.staff.post(SiteURL.trainingQuiz("phishing").path, pairs: answers)
            XCTAssertEqual(failed.status, .ok)
            XCTAssertTrue(failed.body.string.contains("2 of 4 right — 3 are needed to pass"), failed.body.string)
            XCTAssertTrue(failed.body.string.contains("the criminal answers your reply"), "feedback on the wrong answer")

            let passed = try await f.staff.post(SiteURL.trainingQuiz("phishing").path, pairs: try rightAnswers("phishing"))
            XCTAssertTrue(passed.body.string.contains("Passed: 4 of 4 right."), passed.body.string)
            XCTAssertTrue(passed.body.string.contains("Done on \(day(app, 0))"), "the status moves at once")

            let matrix = try await f.admin.get(SiteURL.organisationTraining(f.id).path)
            let text = matrix.body.string
            XCTAssertTrue(text.contains("Sam Baker"), text)
            XCTAssertTrue(text.contains("1 done, 1 due, 0 overdue."), text)

            let csv = try await f.admin.get(SiteURL.organisationTrainingCSV(f.id).path)
            XCTAssertTrue(csv.body.string.contains("Sam Baker,Phishing and invoice fraud,done,\(day(app, 14)),\(day(app, 0))"), csv.body.string)

            // The history holds both attempts with their scores, for Sam and his admin only.
            let history = try await f.admin.get(SiteURL.trainingPerson(try f.staffPerson.requireID()).path)
            XCTAssertTrue(history.body.string.contains("4 of 4, passed"), history.body.string)
            XCTAssertTrue(history.body.string.contains("2 of 4, not passed"), history.body.string)
            let staffSeesAdmin = try await f.staff.get(SiteURL.trainingPerson(try f.adminPerson.requireID()).path)
            XCTAssertEqual(staffSeesAdmin.status, .notFound)
        }
    }

    func testOverdueTrainingIsRemindedOnceADayAndListedInTheDigest() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            _ = try await f.admin.post(SiteURL.organisationTraining(f.id).path,
                                       pairs: [("course", "module:backups"), ("person", try f.staffPerson.requireID().uuidString), ("dueOn", day(app, 2))])
            world.time.advance(by: 5 * 86_400)
            let admin = try await TestBrowser.signedIn(app, "admin@bakery.example")
            let matrix = try await admin.get(SiteURL.organisationTraining(f.id).path)
            XCTAssertTrue(matrix.body.string.contains("Overdue since"), matrix.body.string)
            let first = try await TrainingAssignment.query(on: app.db).first()
            let assignment = try XCTUnwrap(first).requireID()
            let before = world.mailer.sent.count
            let reminded = try await admin.post(SiteURL.organisationTrainingRemind(f.id).path,
                                                  pairs: [("assignment", assignment.uuidString), ("person", try f.staffPerson.requireID().uuidString)])
            XCTAssertEqual(reminded.status, .seeOther, reminded.body.string)
            XCTAssertEqual(world.mailer.sent.count, before + 1)
            XCTAssertEqual(world.mailer.sent.last?.subject, "Reminder: Backups you can restore by \(day(app, -3))")
            let again = try await admin.post(SiteURL.organisationTrainingRemind(f.id).path,
                                               pairs: [("assignment", assignment.uuidString), ("person", try f.staffPerson.requireID().uuidString)])
            XCTAssertEqual(again.status, .unprocessableEntity)
            XCTAssertTrue(again.body.string.contains("already reminded"), again.body.string)
            XCTAssertEqual(world.mailer.sent.count, before + 1)

            let staffItems = try await OverdueTrainingDigest().items(for: f.staffPerson, localiser: app.shieldwall.catalogues.localiser(for: "en"),
                                                                     now: app.shieldwall.time.now, on: app.db)
            XCTAssertEqual(staffItems.map(\.text), ["Your training “Backups you can restore” was due by \(day(app, -3))."])
            let adminItems = try await OverdueTrainingDigest().items(for: f.adminPerson, localiser: app.shieldwall.catalogues.localiser(for: "en"),
                                                                     now: app.shieldwall.time.now, on: app.db)
            XCTAssertEqual(adminItems.map(\.text), ["People at your firm with overdue training: 1."])
        }
    }

    func testBadInputIsRefusedByNameAndNothingIsWritten() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let other = try await Seed.organisation(app, name: "Other Firm")
            let stranger = try await Seed.person(app, email: "x@other.example", organisation: other, role: .staff)
            let outside = try await f.admin.post(SiteURL.organisationTraining(f.id).path,
                                                 pairs: [("course", "module:phishing"), ("person", try stranger.requireID().uuidString), ("dueOn", day(app, 3))])
            XCTAssertEqual(outside.status, .unprocessableEntity)
            XCTAssertTrue(outside.body.string.contains("That person is not in your firm."), outside.body.string)
            let past = try await f.admin.post(SiteURL.organisationTraining(f.id).path,
                                              pairs: [("course", "module:nope"), ("person", "everyone"), ("dueOn", day(app, -1))])
            XCTAssertTrue(past.body.string.contains("That course does not exist or is not offered to you."), past.body.string)
            XCTAssertTrue(past.body.string.contains("The due day has already passed"), past.body.string)
            let staffAssigns = try await f.staff.post(SiteURL.organisationTraining(f.id).path,
                                                      pairs: [("course", "module:phishing"), ("person", "everyone"), ("dueOn", day(app, 3))])
            XCTAssertEqual(staffAssigns.status, .notFound)
            try await expectEqual(try await TrainingAssignment.query(on: app.db).count(), 0)

            // An answer to another course's question.
            var answers = try rightAnswers("passwords")
            answers.append(("rule", "three-two-one"))
            let stray = try await f.staff.post(SiteURL.trainingQuiz("passwords").path, pairs: answers)
            XCTAssertEqual(stray.status, .unprocessableEntity)
            XCTAssertTrue(stray.body.string.contains("“rule” is not a question of this course&apos;s quiz.")
                          || stray.body.string.contains("“rule” is not a question of this course's quiz."), stray.body.string)
            try await expectEqual(try await TrainingRecord.query(on: app.db).count(), 0)

            // A course link that is not http(s): the operator's form says so.
            let op = try await Seed.person(app, email: "op@example.org", role: nil, isOperator: true)
            let operatorBrowser = try await TestBrowser.signedIn(app, op.email)
            let bad = try await operatorBrowser.post(SiteURL.trainingCourseNew.path, pairs: [
                ("title", "Top tips"), ("provider", "NCSC"), ("url", "javascript:alert(1)"), ("language", "en"), ("minutes", "30"), ("summary", "Short."),
            ])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("starting with https:// or http://"), bad.body.string)
            try await expectEqual(try await TrainingCourse.query(on: app.db).count(), 0)
            // A staff member may not offer courses to everyone.
            let notOperator = try await f.staff.post(SiteURL.trainingCourseNew.path, pairs: [
                ("title", "Top tips"), ("provider", "NCSC"), ("url", "https://www.ncsc.gov.uk/"), ("language", "en"), ("minutes", "30"), ("summary", "Short."),
            ])
            XCTAssertEqual(notOperator.status, .forbidden)
        }
    }

    func testAnExternalCourseIsADraftForItsAuthorUntilPublishedThenDeclaredDone() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let op = try await Seed.person(app, email: "op@example.org", role: nil, isOperator: true)
            let operatorBrowser = try await TestBrowser.signedIn(app, op.email)
            let created = try await operatorBrowser.post(SiteURL.trainingCourseNew.path, pairs: [
                ("title", "Top tips for staff"), ("provider", "National Cyber Security Centre"), ("url", "https://www.ncsc.gov.uk/training/top-tips"),
                ("language", "en"), ("minutes", "30"), ("summary", "Five short videos on phishing, passwords and devices."),
            ])
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            let stored = try await TrainingCourse.query(on: app.db).first()
            let course = try XCTUnwrap(stored)
            let id = try course.requireID()
            let key = CourseKey.external(id)
            let draftForStaff = try await f.staff.get(SiteURL.trainingCourse(key.path).path)
            XCTAssertEqual(draftForStaff.status, .notFound, "a draft is its author's only")
            let spanish = try await operatorBrowser.post(SiteURL.trainingCourseEdit(id).path, pairs: [
                ("title", "Consejos básicos"), ("provider", "National Cyber Security Centre"), ("url", "https://www.ncsc.gov.uk/training/top-tips"),
                ("language", "es"), ("minutes", "30"), ("summary", "Cinco vídeos cortos."),
            ])
            XCTAssertEqual(spanish.status, .seeOther, spanish.body.string)
            _ = try await operatorBrowser.post(SiteURL.trainingCourseStatus(id).path, pairs: [("status", "published")])

            let page = try await f.staff.get(SiteURL.trainingCourse(key.path).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Go to “Top tips for staff”"), page.body.string)
            XCTAssertTrue(page.body.string.contains("href=\"https://www.ncsc.gov.uk/training/top-tips\""))
            let future = try await f.staff.post(SiteURL.trainingDeclare(key.path).path, pairs: [("completedOn", day(app, 1))])
            XCTAssertEqual(future.status, .unprocessableEntity)
            XCTAssertTrue(future.body.string.contains("That day has not come yet."))
            let done = try await f.staff.post(SiteURL.trainingDeclare(key.path).path, pairs: [("completedOn", day(app, -2))])
            XCTAssertEqual(done.status, .seeOther)

            let token = try await Seed.token(app, for: f.staffPerson)
            let courses = try await app.api(.GET, "/training/courses", token: token)
            let list = try XCTUnwrap(courses.jsonArray, courses.body.string)
            XCTAssertEqual(list.count, 8, "seven modules and the published course")
            let external = try XCTUnwrap(list.first { $0["kind"] as? String == "external" })
            XCTAssertEqual(external["languages"] as? [String], ["en", "es"])
            let mine = try await app.api(.GET, "/training", token: token)
            let records = try XCTUnwrap(mine.json["records"] as? [[String: Any]], mine.body.string)
            XCTAssertEqual(records.first?["kind"] as? String, "declared")
            XCTAssertEqual(records.first?["completed_on"] as? String, day(app, -2))
        }
    }

    func testTheAPIAssignsAndMarksWithTheSameRules() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let adminToken = try await Seed.token(app, for: f.adminPerson)
            let staffToken = try await Seed.token(app, for: f.staffPerson)
            let assign = try await app.api(.POST, "/organisations/\(f.id)/training/assignments", token: adminToken,
                                           json: #"{"course":"module:updates","person":"everyone","due_on":"\#(day(app, 10))"}"#)
            XCTAssertEqual(assign.status, .created, assign.body.string)
            XCTAssertEqual(assign.json["told"] as? Int, 1)
            let byStaff = try await app.api(.POST, "/organisations/\(f.id)/training/assignments", token: staffToken,
                                            json: #"{"course":"module:updates","person":"everyone","due_on":"\#(day(app, 10))"}"#)
            XCTAssertEqual(byStaff.status, .notFound)

            let answers = try rightAnswers("updates").map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",")
            let quiz = try await app.api(.POST, "/training/courses/updates/quiz", token: staffToken, json: "{\"answers\":{\(answers)}}")
            XCTAssertEqual(quiz.status, .ok, quiz.body.string)
            XCTAssertEqual(quiz.json["passed"] as? Bool, true)
            XCTAssertEqual((quiz.json["feedback"] as? [[String: Any]])?.count, 4)
            let stray = try await app.api(.POST, "/training/courses/updates/quiz", token: staffToken, json: #"{"answers":{"rule":"three-two-one"}}"#)
            XCTAssertEqual(stray.status, .unprocessableEntity, stray.body.string)
            let declareModule = try await app.api(.POST, "/training/courses/updates/completion", token: staffToken, json: #"{"completed_on":"\#(day(app, 0))"}"#)
            XCTAssertEqual(declareModule.status, .unprocessableEntity, "our modules are done by their quiz")

            let matrix = try await app.api(.GET, "/organisations/\(f.id)/training", token: adminToken)
            let people = try XCTUnwrap(matrix.json["people"] as? [[String: Any]], matrix.body.string)
            let sam = try XCTUnwrap(people.first { $0["name"] as? String == "Sam Baker" })
            XCTAssertEqual((sam["courses"] as? [[String: Any]])?.first?["status"] as? String, "done")
        }
    }

    func testNewStaffGetTheStandingAssignmentsWithAMonthToDoThem() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            _ = try await f.admin.post(SiteURL.organisationTraining(f.id).path,
                                       pairs: [("course", "module:passwords"), ("person", "everyone"), ("dueOn", day(app, 7))])
            world.time.advance(by: 10 * 86_400)
            _ = try await Seed.person(app, email: "new@bakery.example", name: "New Starter", organisation: f.org, role: .staff)
            let newcomer = try await TestBrowser.signedIn(app, "new@bakery.example")
            let page = try await newcomer.get(SiteURL.training.path)
            XCTAssertTrue(page.body.string.contains("Due by \(day(app, 30))"), page.body.string)
            let admin = try await TestBrowser.signedIn(app, "admin@bakery.example")
            let matrix = try await admin.get(SiteURL.organisationTraining(f.id).path)
            XCTAssertTrue(matrix.body.string.contains("0 done, 1 due, 2 overdue."), matrix.body.string)
        }
    }
}

extension TrainingTests {
    func testAFacilitatorHoldsAJointSessionThatTheCoursePageLists() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let facilitator = try await Seed.person(app, email: "fac@example.org", name: "Fran Facilitator")
            let community = try await Seed.community(app, facilitator: facilitator, firms: [f.org])
            try await Seed.acceptCharter(app, community, by: f.staffPerson)
            let event = try await Seed.event(app, in: community, title: "Phishing evening")
            let fac = try await TestBrowser.signedIn(app, "fac@example.org")
            let held = try await fac.post(SiteURL.communityTraining(community.slug).path,
                                          pairs: [("event", try event.requireID().uuidString), ("course", "module:phishing")])
            XCTAssertEqual(held.status, .seeOther, held.body.string)
            let noEvent = try await fac.post(SiteURL.communityTraining(community.slug).path, pairs: [("event", UUID().uuidString), ("course", "module:phishing")])
            XCTAssertEqual(noEvent.status, .unprocessableEntity)
            XCTAssertTrue(noEvent.body.string.contains("Choose a coming event of this community."))
            let listed = try await f.staff.get(SiteURL.communityTraining(community.slug).path)
            XCTAssertTrue(listed.body.string.contains("Phishing evening"), listed.body.string)
            let course = try await f.staff.get(SiteURL.trainingCourse("phishing").path)
            XCTAssertTrue(course.body.string.contains("Joint sessions"), course.body.string)
            XCTAssertTrue(course.body.string.contains("Phishing evening"))
        }
    }
}
