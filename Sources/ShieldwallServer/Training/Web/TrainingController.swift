import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// "My training", each course with its lessons and quiz or its link, and a person's record (themselves or their admin).
struct TrainingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.training, use: home)
        routes.get(SiteURL.trainingCourse, use: show)
        routes.post(SiteURL.trainingQuiz, use: quiz)
        routes.post(SiteURL.trainingDeclare, use: declare)
        routes.get(SiteURL.trainingPerson, use: person)
    }

    static func course(_ req: Request, person: SignedIn) async throws -> Course {
        try await TrainingScope.course(req.parameters.get(.courseKey).flatMap(CourseKey.init(path:)), for: person, on: req.db)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return TrainingView.home(try await req.pageContext(), try await TrainingHomePage.build(for: person, on: req.db, now: req.now))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let course = try await Self.course(req, person: person)
        return TrainingView.course(try await req.pageContext(), try await CoursePage.build(course, for: person, on: req.db, now: req.now))
    }

    @Sendable func quiz(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let course = try await Self.course(req, person: person)
        var page = try await CoursePage.build(course, for: person, on: req.db, now: req.now)
        guard let module = page.module else { throw Refusal(.notFound, "training.error.no-quiz") }
        var answers = try req.content.decode([String: String].self)
        answers.removeValue(forKey: Forms.csrfField)
        page.chosen = answers
        do {
            page.outcome = try await TrainingActions.takeQuiz(module, answers: answers, person: person, ctx: ActionContext(req))
            page = try await rebuilt(page, course, person, req)
            return TrainingView.course(try await req.pageContext(), page)
        } catch let failure as ValidationFailure {
            page.errors = failure.messages(req.localiser)
            return TrainingView.course(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    /// The page again after a quiz: the status and last result now include it; the answers and outcome stay.
    private func rebuilt(_ page: CoursePage, _ course: Course, _ person: SignedIn, _ req: Request) async throws -> CoursePage {
        var fresh = try await CoursePage.build(course, for: person, on: req.db, now: req.now)
        fresh.chosen = page.chosen
        fresh.outcome = page.outcome
        return fresh
    }

    struct DeclareForm: Content { var completedOn: String? }

    @Sendable func declare(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let course = try await Self.course(req, person: person)
        let form = try req.content.decode(DeclareForm.self)
        do {
            try await TrainingActions.declare(course, day: form.completedOn ?? "", person: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.trainingCourse(course.key.path).path, flash: "flash.training-declared")
        } catch let failure as ValidationFailure {
            var page = try await CoursePage.build(course, for: person, on: req.db, now: req.now)
            page.completedOn = form.completedOn ?? ""
            page.errors = failure.messages(req.localiser)
            return TrainingView.course(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func person(req: Request) async throws -> Response {
        let viewer = try req.requirePerson()
        let owner = try await TrainingScope.recordOwner(req, person: viewer)
        return TrainingView.person(try await req.pageContext(), try await TrainingPersonPage.build(owner, viewer: viewer, on: req.db, now: req.now))
    }
}
