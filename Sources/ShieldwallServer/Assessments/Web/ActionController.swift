import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The firm's action plan: list, add from a recommendation, assign, track, export.
struct ActionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.actions, use: list)
        routes.post(SiteURL.actions, use: create)
        routes.get(SiteURL.actionsCSV, use: csv)
        routes.get(SiteURL.action, use: show)
        routes.post(SiteURL.action, use: update)
    }

    struct CreateForm: Content { var recommendation: String? }

    @Sendable func list(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let plan = try await ActionTable.build(firm: try AssessmentScope.firm(of: person, req), on: req.db, now: req.now)
        return ActionView.list(try await req.pageContext(), plan)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let org = try AssessmentScope.firm(of: person, req)
        let form = try req.content.decode(CreateForm.self)
        let (action, created) = try await PlanActions.create(recommendation: form.recommendation ?? "", org: org, person: person,
                                                             bank: try AssessmentContent.bank(), on: req.db, now: req.now)
        return req.seeOther(SiteURL.action(try action.requireID()).path, flash: created ? "flash.action-created" : "flash.action-exists")
    }

    @Sendable func show(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let action = try await AssessmentScope.action(req, person: person)
        return ActionView.edit(try await req.pageContext(), try await ActionEditPage.build(action, viewer: person, on: req.db, now: req.now))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let action = try await AssessmentScope.action(req, person: person)
        let form = try req.content.decode(ActionForm.self)
        do {
            try await PlanActions.update(action, with: .init(owner: form.owner, dueOn: form.due_on, status: form.status,
                                                             notApplicableReason: form.not_applicable_reason, notes: form.notes),
                                         person: person, on: req.db, now: req.now)
        } catch let failure as ValidationFailure {
            let page = try await ActionEditPage.build(action, viewer: person, form: form, errors: failure.messages(req.localiser), on: req.db, now: req.now)
            return ActionView.edit(try await req.pageContext(), page, status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.actions.path, flash: "flash.action-saved")
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let org = try AssessmentScope.firm(of: person, req)
        let actions = try await AssessmentScope.actions(of: org, on: req.db).sort(\.$createdAt).all()
        let names = try await ActionTable.owners(of: org, on: req.db)
        var rows = [["title", "recommendation_id", "owner", "due_on", "status", "not_applicable_reason", "notes", "created_at", "done_at"]]
        for a in actions {
            rows.append([a.title, a.recommendationID, a.$owner.id.flatMap { names[$0] } ?? "", a.dueOn ?? "", a.status.rawValue,
                         a.notApplicableReason ?? "", a.notes, Format.iso(a.createdAt), a.doneAt.map(Format.iso) ?? ""])
        }
        return CSVFile.response(rows, filename: "action-plan-\(PlanActions.today(req.now)).csv")
    }
}
