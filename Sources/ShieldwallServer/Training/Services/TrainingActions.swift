import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What people do with training: an admin assigns and reminds, a person takes a quiz or says they finished an
/// external course. Each checks who may, and writes all or nothing.
enum TrainingActions {
    struct AssignForm: Content {
        var course: String?
        /// A person's id, or "everyone".
        var person: String?
        var dueOn: String?
    }

    struct Assigned: Content {
        let assignment: UUID
        /// How many people were told by e-mail.
        let told: Int
    }

    /// Assigns a course the admin may see to one person of the firm or to everyone in it; assigning the same course to
    /// the same people again moves its due day.
    static func assign(_ form: AssignForm, firm: UUID, by admin: SignedIn, ctx: ActionContext) async throws -> Assigned {
        guard TrainingAccess.canManage(firm: firm.uuidString, viewer: admin.viewer) else { throw Refusal(.forbidden, "training.error.admin") }
        var problems = ProblemList()
        let key = CourseKey(form.course ?? "")
        var course: Course?
        if key == nil { problems.add("course", "training.error.choose-course") } else {
            course = try? await TrainingScope.course(key, for: admin, on: ctx.db)
            if course == nil || course?.status != .published { problems.add("course", "training.error.no-course") }
        }
        let people = try await TrainingScope.people(of: firm, on: ctx.db)
        let whom = (form.person ?? "").trimmingWhitespace()
        var person: Person?
        if whom != "everyone" {
            person = UUID(uuidString: whom).flatMap { id in people.first { $0.id == id } }
            if person == nil { problems.add("person", whom.isEmpty ? "training.error.choose-person" : "training.error.not-in-firm") }
        }
        let today = CalendarDay.string(ctx.now)
        let due = (form.dueOn ?? "").trimmingWhitespace()
        if let problem = TrainingRules.checkDue(due, today: today) { problems.add("dueOn", "training.error.due-\(problem.rawValue)") }
        try problems.throwIfAny()
        guard let key, let course else { throw Refusal(.notFound, "training.error.no-course") }
        let personID = person?.id

        let assignment = try await ctx.db.writeTransaction { tx -> TrainingAssignment in
            let row = try await TrainingAssignment.query(on: tx).filter(\.$organisation.$id == firm).filter(\.$courseKey == key.description)
                .filter(\.$person.$id == personID).first() ?? TrainingAssignment()
            row.$organisation.id = firm
            row.courseKey = key.description
            row.$person.id = personID
            row.dueOn = due
            row.assignedOn = today
            row.$assignedBy.id = admin.personID
            row.createdAt = ctx.now
            try await row.save(on: tx)
            return row
        }
        let told = person.map { [$0] } ?? people.filter { $0.id != admin.personID }
        _ = await ctx.mailAfterSaving(told.map { mail(to: $0, subject: "mail.training-assigned.subject", body: "mail.training-assigned.body", course: course, due: due, from: admin, ctx: ctx) })
        return Assigned(assignment: try assignment.requireID(), told: told.count)
    }

    /// Takes an assignment back (records of what people did stay).
    static func withdraw(_ assignmentID: UUID, firm: UUID, by admin: SignedIn, ctx: ActionContext) async throws {
        guard TrainingAccess.canManage(firm: firm.uuidString, viewer: admin.viewer) else { throw Refusal(.forbidden, "training.error.admin") }
        guard let row = try await TrainingAssignment.query(on: ctx.db).filter(\.$id == assignmentID).filter(\.$organisation.$id == firm).first() else {
            throw Refusal(.notFound, "training.error.no-assignment")
        }
        try await row.delete(on: ctx.db)
    }

    /// Reminds one person of a course they have not done; at most once a day per person and assignment.
    static func remind(assignment assignmentID: UUID, person personID: UUID, firm: UUID, by admin: SignedIn, ctx: ActionContext) async throws {
        guard TrainingAccess.canManage(firm: firm.uuidString, viewer: admin.viewer) else { throw Refusal(.forbidden, "training.error.admin") }
        let people = try await TrainingScope.people(of: firm, on: ctx.db)
        guard let person = people.first(where: { $0.id == personID }) else { throw ValidationFailure(field: "person", key: "training.error.not-in-firm") }
        let cells = try await TrainingProgress.person(person, on: ctx.db, today: CalendarDay.string(ctx.now))
        guard let (key, cell) = cells.first(where: { $0.value.assignmentID == assignmentID }), let courseKey = CourseKey(key) else {
            throw Refusal(.notFound, "training.error.no-assignment")
        }
        guard cell.status != .done else { throw ValidationFailure(field: "person", key: "training.error.already-done") }
        let since = ctx.now.addingTimeInterval(-86_400)
        guard try await TrainingReminder.query(on: ctx.db).filter(\.$assignment.$id == assignmentID).filter(\.$person.$id == personID)
            .filter(\.$sentAt > since).first() == nil else { throw ValidationFailure(field: "person", key: "training.error.reminded-today") }
        let course = try await TrainingScope.course(courseKey, for: admin, on: ctx.db)
        try await TrainingReminder(assignmentID: assignmentID, personID: personID, at: ctx.now).create(on: ctx.db)
        _ = await ctx.mailAfterSaving([mail(to: person, subject: "mail.training-reminder.subject", body: "mail.training-reminder.body", course: course, due: cell.dueOn, from: admin, ctx: ctx)])
    }

    private static func mail(to person: Person, subject: String, body: String, course: Course, due: String, from admin: SignedIn,
                             ctx: ActionContext) -> MailMessage {
        let l = ctx.services.catalogues.localiser(for: person.language)
        return MailMessage(to: person.email, subject: l.text(subject, ["course": course.title, "due": due]),
                           body: l.text(body, ["admin": admin.displayName, "course": course.title, "due": due,
                                                        "link": ctx.services.configuration.baseURL + SiteURL.trainingCourse(course.key.path).path]))
    }

    /// Marks a quiz and keeps the attempt, passed or not (the person's history shows their scores over time).
    static func takeQuiz(_ module: TrainingModule, answers: [String: String], person: SignedIn, ctx: ActionContext) async throws -> Quiz.Outcome {
        switch module.quiz.mark(answers) {
        case .failure(.notInQuiz(let question)):
            throw ValidationFailure(field: "quiz", key: "training.error.not-in-quiz", values: ["question": question])
        case .failure(.missing(let question)):
            throw ValidationFailure(field: question, key: "training.error.missing")
        case .failure(.unknownOption(let question, _)):
            throw ValidationFailure(field: question, key: "training.error.unknown-option")
        case .success(let outcome):
            let row = TrainingRecord()
            row.$person.id = person.personID
            row.$organisation.id = person.organisationID
            row.courseKey = CourseKey.module(module.id).description
            row.kind = .quiz
            row.language = module.language
            row.moduleVersion = module.version
            row.correct = outcome.correct
            row.total = outcome.total
            row.passed = outcome.passed
            row.completedOn = CalendarDay.string(ctx.now)
            row.answersJSON = String(decoding: (try? JSONEncoder().encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
            row.createdAt = ctx.now
            try await row.create(on: ctx.db)
            return outcome
        }
    }

    /// Records that the person finished an external course on `day`.
    static func declare(_ course: Course, day: String, person: SignedIn, ctx: ActionContext) async throws {
        guard !course.isModule else { throw ValidationFailure(field: "completedOn", key: "training.error.module-needs-quiz") }
        guard course.status == .published else { throw Refusal(.notFound, "training.error.no-course") }
        let day = day.trimmingWhitespace()
        if let problem = TrainingRules.checkCompletion(day, today: CalendarDay.string(ctx.now)) {
            throw ValidationFailure(field: "completedOn", key: "training.error.done-\(problem.rawValue)")
        }
        let row = TrainingRecord()
        row.$person.id = person.personID
        row.$organisation.id = person.organisationID
        row.courseKey = course.key.description
        row.kind = .declared
        row.language = course.language
        row.passed = true
        row.completedOn = day
        row.createdAt = ctx.now
        try await row.create(on: ctx.db)
    }

    /// Everything a person did, newest first: quizzes with their scores and declared courses.
    static func history(of person: UUID, on db: any Database) async throws -> [TrainingRecord] {
        try await TrainingRecord.query(on: db).filter(\.$person.$id == person).sort(\.$createdAt, .descending).limit(200).all()
    }
}
