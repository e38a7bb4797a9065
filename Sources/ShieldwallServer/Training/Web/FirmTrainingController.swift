import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm admin's training: the matrix, assigning, reminding, taking an assignment back, and the CSV.
struct FirmTrainingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.organisationTraining, use: show)
        routes.post(SiteURL.organisationTraining, use: assign)
        routes.get(SiteURL.organisationTrainingCSV, use: csv)
        routes.post(SiteURL.organisationTrainingRemind, use: remind)
        routes.post(SiteURL.organisationTrainingWithdraw, use: withdraw)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let admin = try req.requirePerson()
        let firm = try TrainingScope.managedFirm(req, person: admin)
        return FirmTrainingView.page(try await req.pageContext(), try await FirmTrainingPage.build(firm: firm, admin: admin, on: req.db, now: req.now))
    }

    @Sendable func assign(req: Request) async throws -> Response {
        let admin = try req.requirePerson()
        let firm = try TrainingScope.managedFirm(req, person: admin)
        let form = try req.content.decode(TrainingActions.AssignForm.self)
        do {
            let assigned = try await TrainingActions.assign(form, firm: firm, by: admin, ctx: ActionContext(req))
            return req.seeOther(SiteURL.organisationTraining(firm).path, flash: assigned.told > 0 ? "flash.training-assigned" : "flash.training-assigned-untold")
        } catch let failure as ValidationFailure {
            var page = try await FirmTrainingPage.build(firm: firm, admin: admin, on: req.db, now: req.now)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return FirmTrainingView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let admin = try req.requirePerson()
        let firm = try TrainingScope.managedFirm(req, person: admin)
        let page = try await FirmTrainingPage.build(firm: firm, admin: admin, on: req.db, now: req.now)
        return CSVFile.response(page.csv(), filename: "training-\(CalendarDay.string(req.now)).csv")
    }

    struct RemindForm: Content {
        var assignment: UUID?
        var person: UUID?
    }

    @Sendable func remind(req: Request) async throws -> Response {
        let admin = try req.requirePerson()
        let firm = try TrainingScope.managedFirm(req, person: admin)
        let form = try req.content.decode(RemindForm.self)
        guard let assignment = form.assignment, let person = form.person else { throw Refusal(.badRequest, "training.error.no-assignment") }
        do {
            try await TrainingActions.remind(assignment: assignment, person: person, firm: firm, by: admin, ctx: ActionContext(req))
            return req.seeOther(SiteURL.organisationTraining(firm).path, flash: "flash.training-reminded")
        } catch let failure as ValidationFailure {
            var page = try await FirmTrainingPage.build(firm: firm, admin: admin, on: req.db, now: req.now)
            page.errors = failure.messages(req.localiser)
            return FirmTrainingView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let admin = try req.requirePerson()
        let firm = try TrainingScope.managedFirm(req, person: admin)
        guard let id = req.parameters.get(.assignmentID, as: UUID.self) else { throw Refusal(.notFound, "training.error.no-assignment") }
        try await TrainingActions.withdraw(id, firm: firm, by: admin, ctx: ActionContext(req))
        return req.seeOther(SiteURL.organisationTraining(firm).path, flash: "flash.training-withdrawn")
    }
}
