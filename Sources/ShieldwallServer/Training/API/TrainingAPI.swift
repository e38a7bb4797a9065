import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Training with a personal token: my assignments and record, the courses I may take, a quiz, an external course
/// finished; and for a firm's admin the firm's matrix and assigning. The same rules as the pages (`TrainingScope`).
struct TrainingAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.training, use: mine)
        routes.get(APIURL.trainingCourses, use: courses)
        routes.post(APIURL.trainingQuiz, use: quiz)
        routes.post(APIURL.trainingCompletion, use: completion)
        routes.get(APIURL.organisationTraining, use: firm)
        routes.post(APIURL.organisationTrainingAssignments, use: assign)
    }

    struct CourseDTO: Content {
        let key: String
        let kind: String
        let title: String
        let summary: String
        let provider: String?
        let minutes: Int
        let language: String
        let languages: [String]
        let url: String?
        let community: String?
        let status: String

        init(_ c: Course) {
            key = c.key.description
            kind = c.isModule ? "module" : "external"
            title = c.title
            summary = c.summary
            provider = c.provider
            minutes = c.minutes
            language = c.language
            languages = c.languages
            url = c.url
            community = c.community?.slug
            status = c.status.rawValue
        }
    }

    struct AssignedDTO: Content {
        let courseKey: String
        let title: String?
        let status: String
        let dueOn: String
        let doneOn: String?
    }

    struct RecordDTO: Content {
        let courseKey: String
        let kind: String
        let completedOn: String
        let passed: Bool
        let correct: Int?
        let total: Int?
    }

    struct Mine: Content {
        let assigned: [AssignedDTO]
        let records: [RecordDTO]
    }

    @Sendable func mine(req: Request) async throws -> Mine {
        let person = try req.requireAPIPerson()
        let page = try await TrainingHomePage.build(for: person, on: req.db, now: req.now)
        let records = try await TrainingActions.history(of: person.personID, on: req.db)
        return Mine(assigned: page.assigned.map(Self.assigned),
                    records: records.map { RecordDTO(courseKey: $0.courseKey, kind: $0.kind.rawValue, completedOn: $0.completedOn, passed: $0.passed,
                                                     correct: $0.correct, total: $0.total) })
    }

    static func assigned(_ a: AssignedCourse) -> AssignedDTO {
        AssignedDTO(courseKey: a.key, title: a.course?.title, status: a.cell.status.rawValue, dueOn: a.cell.dueOn, doneOn: a.cell.doneOn)
    }

    @Sendable func courses(req: Request) async throws -> [CourseDTO] {
        let person = try req.requireAPIPerson()
        return try await TrainingScope.courses(for: person, on: req.db).map(CourseDTO.init)
    }

    struct QuizBody: Content { let answers: [String: String] }

    struct FeedbackDTO: Content {
        let question: String
        let answer: String
        let correct: Bool
        let feedback: String
    }

    struct OutcomeDTO: Content {
        let correct: Int
        let total: Int
        let passed: Bool
        let feedback: [FeedbackDTO]
    }

    @Sendable func quiz(req: Request) async throws -> OutcomeDTO {
        let person = try req.requireAPIPerson()
        let course = try await TrainingController.course(req, person: person)
        guard case .module(let id) = course.key, let module = try TrainingContent.library().module(id, language: person.language) else {
            throw Refusal(.notFound, "training.error.no-quiz")
        }
        let body = try req.content.decode(QuizBody.self)
        let o = try await TrainingActions.takeQuiz(module, answers: body.answers, person: person, ctx: ActionContext(req))
        return OutcomeDTO(correct: o.correct, total: o.total, passed: o.passed,
                          feedback: o.feedback.map { FeedbackDTO(question: $0.questionID, answer: $0.chosen, correct: $0.correct, feedback: $0.text) })
    }

    struct CompletionBody: Content { let completedOn: String }

    @Sendable func completion(req: Request) async throws -> HTTPStatus {
        let person = try req.requireAPIPerson()
        let course = try await TrainingController.course(req, person: person)
        try await TrainingActions.declare(course, day: try req.content.decode(CompletionBody.self).completedOn, person: person, ctx: ActionContext(req))
        return .created
    }

    struct PersonDTO: Content {
        let id: UUID
        let name: String
        let courses: [AssignedDTO]
    }

    struct FirmDTO: Content {
        let courses: [CourseKeyDTO]
        let people: [PersonDTO]
    }

    struct CourseKeyDTO: Content {
        let key: String
        let title: String
    }

    @Sendable func firm(req: Request) async throws -> FirmDTO {
        let admin = try req.requireAPIPerson()
        let firm = try TrainingScope.managedFirm(req, person: admin)
        let page = try await FirmTrainingPage.build(firm: firm, admin: admin, on: req.db, now: req.now)
        let titles = Dictionary(page.columns.map { ($0.key, $0.title) }, uniquingKeysWith: { a, _ in a })
        return FirmDTO(courses: page.columns.map { CourseKeyDTO(key: $0.key, title: $0.title) },
                       people: page.rows.map { row in
                           PersonDTO(id: row.personID, name: row.name, courses: page.columns.compactMap { c in
                               row.cells[c.key].map { AssignedDTO(courseKey: c.key, title: titles[c.key], status: $0.status.rawValue, dueOn: $0.dueOn, doneOn: $0.doneOn) }
                           })
                       })
    }

    struct AssignBody: Content {
        let course: String
        /// A person's id, or "everyone".
        let person: String
        let dueOn: String
    }

    @Sendable func assign(req: Request) async throws -> Response {
        let admin = try req.requireAPIPerson()
        let firm = try TrainingScope.managedFirm(req, person: admin)
        let body = try req.content.decode(AssignBody.self)
        let assigned = try await TrainingActions.assign(TrainingActions.AssignForm(course: body.course, person: body.person, dueOn: body.dueOn),
                                                        firm: firm, by: admin, ctx: ActionContext(req))
        return try await assigned.encodeResponse(status: .created, for: req)
    }
}
