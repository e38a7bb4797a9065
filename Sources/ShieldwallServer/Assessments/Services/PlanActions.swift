import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The firm's action plan: recommendations turned into actions with an owner, a due date and a status.
enum PlanActions {
    /// Turns a recommendation into an action; an open action for the same recommendation is reused.
    static func create(recommendation id: String, org: UUID, person: SignedIn, bank: QuestionBank,
                       on db: any Database, now: Date) async throws -> (PlanAction, created: Bool) {
        guard AssessmentAccess.canPlan(firm: org.uuidString, viewer: person.viewer) else {
            throw Refusal(.forbidden, "action.error.add-who")
        }
        guard let recommendation = bank.recommendations[id] else {
            throw ValidationFailure(field: "recommendation", key: "action.error.unknown-recommendation", values: ["id": String(id.prefix(80))])
        }
        if let open = try await AssessmentScope.actions(of: org, on: db).filter(\.$recommendationID == id)
            .filter(\.$status ~~ [PlanAction.Status.todo, PlanAction.Status.doing]).first() {
            return (open, false)
        }
        let action = PlanAction(organisationID: org, recommendationID: id, title: recommendation.title, createdBy: person.personID, at: now)
        try await action.create(on: db)
        return (action, true)
    }

    /// The open action for `key` (a measure of the community's plan, `plan:ID`), or a new one with `title`.
    static func action(firm org: UUID, key: String, title: String, by person: SignedIn, on db: any Database, now: Date) async throws -> PlanAction {
        if let open = try await AssessmentScope.actions(of: org, on: db).filter(\.$recommendationID == key)
            .filter(\.$status ~~ [PlanAction.Status.todo, PlanAction.Status.doing]).first() {
            return open
        }
        let action = PlanAction(organisationID: org, recommendationID: key, title: String(title.prefix(200)), createdBy: person.personID, at: now)
        try await action.create(on: db)
        return action
    }

    struct Change: Sendable {
        var owner: String?
        var dueOn: String?
        var status: String?
        var notApplicableReason: String?
        var notes: String?
    }

    static func today(_ now: Date) -> String { dayFormatter.string(from: now) }

    static let dayFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()

    /// Checks the whole change first (owner of this firm, a real date not in the past, a known
    /// status, a reason for "not applicable"), then saves it; nothing is saved when one part is wrong.
    /// Fields left nil stay as they are; an empty owner or due date clears it.
    static func update(_ action: PlanAction, with change: Change, person: SignedIn, on db: any Database, now: Date) async throws {
        let org = action.$organisation.id
        guard AssessmentAccess.canUpdate(actionOf: org.uuidString, owner: action.$owner.id?.uuidString, viewer: person.viewer) else {
            throw Refusal(.forbidden, "action.error.change-who")
        }
        let isAdmin = AssessmentAccess.canPlan(firm: org.uuidString, viewer: person.viewer)
        var problems = ProblemList()
        var owner = action.$owner.id
        if let given = change.owner?.trimmingWhitespace(), given != (action.$owner.id?.uuidString ?? "") {
            if !isAdmin { problems.add("owner", "action.error.admin-assigns") }
            else if given.isEmpty { owner = nil }
            else if let id = UUID(uuidString: given),
                    let candidate = try await Person.find(id, on: db), candidate.$organisation.id == org, candidate.deactivatedAt == nil {
                owner = id
            } else { problems.add("owner", "action.error.owner-not-in-firm") }
        }
        var due = action.dueOn
        if let given = change.dueOn?.trimmingWhitespace(), given != (action.dueOn ?? "") {
            if !isAdmin { problems.add("due_on", "action.error.admin-assigns") }
            else if given.isEmpty { due = nil }
            else if let date = dayFormatter.date(from: given), dayFormatter.string(from: date) == given {
                if given < today(now) { problems.add("due_on", "action.error.due-in-past") } else { due = given }
            } else { problems.add("due_on", "action.error.due-format") }
        }
        var status = action.status
        if let given = change.status {
            if let given = PlanAction.Status(rawValue: given) { status = given } else { problems.add("status", "action.error.status") }
        }
        var reason = action.notApplicableReason
        if let given = change.notApplicableReason { reason = given.trimmingWhitespace().isEmpty ? nil : given.trimmingWhitespace() }
        if status == .notApplicable {
            if (reason ?? "").isEmpty { problems.add("not_applicable_reason", "action.error.reason-required") }
            else if (reason ?? "").count > 500 { problems.add("not_applicable_reason", "error.too-long", ["max": "500"]) }
        } else { reason = nil }
        var notes = action.notes
        if let given = change.notes {
            notes = given.trimmingWhitespace()
            if notes.count > 4000 { problems.add("notes", "error.too-long", ["max": "4000"]) }
        }
        try problems.throwIfAny()
        if status == .done && action.status != status { action.doneAt = now }
        if status != .done { action.doneAt = nil }
        action.$owner.id = owner
        action.dueOn = due
        action.status = status
        action.notApplicableReason = reason
        action.notes = notes
        action.updatedAt = now
        try await action.update(on: db)
    }

    /// The firm's open actions past their due date, for the home page and the digest.
    static func overdue(of org: UUID, on db: any Database, now: Date) async throws -> [PlanAction] {
        try await AssessmentScope.actions(of: org, on: db)
            .filter(\.$status ~~ [PlanAction.Status.todo, PlanAction.Status.doing])
            .filter(\.$dueOn < today(now)).sort(\.$dueOn).all()
    }
}
