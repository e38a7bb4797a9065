import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// External courses: offering a new one, a version in another language, publishing and withdrawing.
struct CourseEditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.trainingCourseNew, use: new)
        routes.post(SiteURL.trainingCourseNew, use: create)
        routes.get(SiteURL.trainingCourseEdit, use: edit)
        routes.post(SiteURL.trainingCourseEdit, use: save)
        routes.post(SiteURL.trainingCourseStatus, use: status)
    }

    struct Where: Content { var community: String? }

    @Sendable func new(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let community = try await CourseActions.offerPlace(try req.query.decode(Where.self).community, person: person, on: req.db)
        return CourseEditView.page(try await req.pageContext(), CourseEditPage.new(in: community))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let form = try req.content.decode(CourseActions.Form.self)
        do {
            let row = try await CourseActions.create(form, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.trainingCourseEdit(try row.requireID()).path, flash: "flash.course-drafted")
        } catch let failure as ValidationFailure {
            var page = CourseEditPage.new(in: try await CourseActions.offerPlace(form.community, person: person, on: req.db))
            page.form = form
            page.errors = failure.messages(req.localiser)
            return CourseEditView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    struct Language: Content { var language: String? }

    @Sendable func edit(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let row = try await TrainingScope.editableCourse(req, person: person)
        let page = try await CourseEditPage.edit(row, language: try req.query.decode(Language.self).language, on: req.db)
        return CourseEditView.page(try await req.pageContext(), page)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let row = try await TrainingScope.editableCourse(req, person: person)
        let form = try req.content.decode(CourseActions.Form.self)
        do {
            try await CourseActions.update(row, form: form, ctx: ActionContext(req))
            return req.seeOther(SiteURL.trainingCourseEdit(try row.requireID()).path + "?language=" + (form.language ?? ""), flash: "flash.course-saved")
        } catch let failure as ValidationFailure {
            var page = try await CourseEditPage.edit(row, language: form.language, on: req.db)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return CourseEditView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    struct StatusForm: Content { var status: String? }

    @Sendable func status(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let row = try await TrainingScope.editableCourse(req, person: person)
        try await CourseActions.setStatus(row, to: try req.content.decode(StatusForm.self).status, ctx: ActionContext(req))
        return req.seeOther(SiteURL.trainingCourseEdit(try row.requireID()).path, flash: "flash.course-\(row.status.rawValue)")
    }
}
