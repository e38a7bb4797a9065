import Fluent
import Foundation
import Plot
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

    struct UpdateForm: Content {
        var owner: String?
        var due_on: String?
        var status: String?
        var not_applicable_reason: String?
        var notes: String?
    }

    @Sendable func list(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let org = try AssessmentScope.firm(of: person, req)
        let actions = try await AssessmentScope.actions(of: org, on: req.db).sort(\.$createdAt).all()
        return ActionView.list(try await req.pageContext(), actions: actions, owners: try await owners(org, req), today: PlanActions.today(req.now))
    }

    func owners(_ org: UUID, _ req: Request) async throws -> [UUID: String] {
        let people = try await Person.query(on: req.db).filter(\.$organisation.$id == org).filter(\.$deactivatedAt == nil).sort(\.$displayName).all()
        return Dictionary(uniqueKeysWithValues: people.compactMap { p in p.id.map { ($0, p.displayName) } })
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
        return try await render(req, action, person, form: nil, errors: [:])
    }

    func render(_ req: Request, _ action: PlanAction, _ person: SignedIn, form: UpdateForm?, errors: [String: String],
                status: HTTPStatus = .ok) async throws -> Response {
        let org = action.$organisation.id
        return ActionView.edit(try await req.pageContext(), action: action, recommendation: try AssessmentContent.bank().recommendations[action.recommendationID],
                               owners: try await owners(org, req), form: form, errors: errors,
                               isAdmin: AssessmentAccess.canPlan(firm: org.uuidString, viewer: person.viewer),
                               canUpdate: AssessmentAccess.canUpdate(actionOf: org.uuidString, owner: action.$owner.id?.uuidString, viewer: person.viewer),
                               status: status)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let action = try await AssessmentScope.action(req, person: person)
        let form = try req.content.decode(UpdateForm.self)
        do {
            try await PlanActions.update(action, with: .init(owner: form.owner, dueOn: form.due_on, status: form.status,
                                                             notApplicableReason: form.not_applicable_reason, notes: form.notes),
                                         person: person, on: req.db, now: req.now)
        } catch let failure as ValidationFailure {
            return try await render(req, action, person, form: form, errors: failure.messages(req.localiser), status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.actions.path, flash: "flash.action-saved")
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let org = try AssessmentScope.firm(of: person, req)
        let actions = try await AssessmentScope.actions(of: org, on: req.db).sort(\.$createdAt).all()
        let names = try await owners(org, req)
        var rows = [["title", "recommendation_id", "owner", "due_on", "status", "not_applicable_reason", "notes", "created_at", "done_at"]]
        for a in actions {
            rows.append([a.title, a.recommendationID, a.$owner.id.flatMap { names[$0] } ?? "", a.dueOn ?? "", a.status.rawValue,
                         a.notApplicableReason ?? "", a.notes, Format.iso(a.createdAt), a.doneAt.map(Format.iso) ?? ""])
        }
        return CSVFile.response(rows, filename: "action-plan-\(PlanActions.today(req.now)).csv")
    }
}

enum ActionView {
    static func statusText(_ ctx: PageContext, _ status: PlanAction.Status) -> String { ctx.t("actions.status.\(status.rawValue)") }

    static func table(_ ctx: PageContext, actions: [PlanAction], owners: [UUID: String], today: String) -> Node<HTML.BodyContext> {
        Table.render(caption: ctx.t("actions.title"),
                     headers: [ctx.t("actions.action"), ctx.t("actions.owner"), ctx.t("actions.due"), ctx.t("actions.status")],
                     rows: actions.map { a in [
                        .a(.href(SiteURL.action(a.id ?? UUID()).path), .text(a.title)),
                        .text(a.$owner.id.flatMap { owners[$0] } ?? ctx.t("actions.unassigned")),
                        .group(.text(a.dueOn ?? "—"), .if(a.isOverdue(today: today), .strong(.class("overdue"), .text(" " + ctx.t("actions.overdue"))))),
                        .group(.text(statusText(ctx, a.status)), .unwrap(a.notApplicableReason) { .text(" (\($0))") }),
                     ] }, empty: ctx.t("actions.empty"))
    }

    static func list(_ ctx: PageContext, actions: [PlanAction], owners: [UUID: String], today: String) -> Response {
        Layout.page(ctx, title: ctx.t("actions.title"), content: [
            .p(.a(.href(SiteURL.assessment.path), .text(ctx.t("results.back"))), .text(" · "),
               .a(.href(SiteURL.actionsCSV.path), .text(ctx.t("results.actions-csv")))),
            .p(.text(ctx.t("actions.intro"))),
            table(ctx, actions: actions, owners: owners, today: today),
        ])
    }

    static func edit(_ ctx: PageContext, action: PlanAction, recommendation: Recommendation?, owners: [UUID: String],
                     form: ActionController.UpdateForm?, errors: [String: String], isAdmin: Bool, canUpdate: Bool, status: HTTPStatus) -> Response {
        let ownerOptions = [("", ctx.t("actions.unassigned"))] + owners.sorted { $0.value < $1.value }.map { ($0.key.uuidString, $0.value) }
        return Layout.page(ctx, title: action.title, status: status, content: [
            .p(.a(.href(SiteURL.actions.path), .text(ctx.t("actions.back")))),
            .unwrap(recommendation) { rec in
                .group(.p(.text(rec.why)), .ol(.forEach(rec.steps) { .li(.text($0)) }))
            },
            Forms.errorSummary(ctx, errors),
            canUpdate ? .form(.method(.post), .action(SiteURL.action(action.id ?? UUID()).path), Forms.csrf(ctx),
                isAdmin ? Forms.select("owner", label: ctx.t("actions.owner"), options: ownerOptions.map { (value: $0.0, text: $0.1) },
                                       selected: form?.owner ?? action.$owner.id?.uuidString ?? "", error: errors["owner"]) : .empty,
                isAdmin ? Forms.field("due_on", label: ctx.t("actions.due"), type: .date, value: form?.due_on ?? action.dueOn ?? "",
                                      error: errors["due_on"], required: false) : .empty,
                Forms.select("status", label: ctx.t("actions.status"),
                             options: PlanAction.Status.allCases.map { (value: $0.rawValue, text: statusText(ctx, $0)) },
                             selected: form?.status ?? action.status.rawValue, error: errors["status"]),
                Forms.field("not_applicable_reason", label: ctx.t("actions.reason"), value: form?.not_applicable_reason ?? action.notApplicableReason ?? "",
                            error: errors["not_applicable_reason"], hint: ctx.t("actions.reason.hint"), required: false),
                Forms.textarea("notes", label: ctx.t("actions.notes"), value: form?.notes ?? action.notes, error: errors["notes"], required: false, rows: 4),
                Forms.submit(ctx.t("actions.save")))
            : .group(.p(.text(ctx.t("actions.read-only"))),
                     .p(.text("\(ctx.t("actions.status")): \(statusText(ctx, action.status))")),
                     .p(.text(action.notes))),
        ])
    }
}
