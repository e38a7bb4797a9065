import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A plan action as pages show it.
struct ActionRow: Sendable {
    let id: UUID
    let title: String
    let recommendationID: String
    let ownerID: UUID?
    let dueOn: String?
    let status: PlanAction.Status
    let notApplicableReason: String?
    let notes: String
    let isOverdue: Bool

    init(_ a: PlanAction, today: String) throws {
        id = try a.requireID()
        title = a.title
        recommendationID = a.recommendationID
        ownerID = a.$owner.id
        dueOn = a.dueOn
        status = a.status
        notApplicableReason = a.notApplicableReason
        notes = a.notes
        isOverdue = a.isOverdue(today: today)
    }
}

/// The firm's action plan, oldest first, with its people's names for the owners.
struct ActionTable: Sendable {
    let actions: [ActionRow]
    /// Everyone of the firm, leavers too: an action a leaver owned still says whose it was.
    let owners: [UUID: String]

    static func build(firm org: UUID, on db: any Database, now: Date) async throws -> ActionTable {
        let today = PlanActions.today(now)
        return ActionTable(actions: try await AssessmentScope.actions(of: org, on: db).sort(\.$createdAt).all().map { try ActionRow($0, today: today) },
                           owners: try await owners(of: org, leaversToo: true, on: db))
    }

    /// The firm's people who can own an action (with `leaversToo`, also those who left).
    static func owners(of org: UUID, leaversToo: Bool = false, on db: any Database) async throws -> [UUID: String] {
        var query = Person.query(on: db).filter(\.$organisation.$id == org)
        if !leaversToo { query = query.filter(\.$deactivatedAt == nil) }
        return Dictionary(uniqueKeysWithValues: try await query.all().map { (try $0.requireID(), $0.displayName) })
    }
}

/// What the person typed into an action's form.
struct ActionForm: Content {
    var owner: String?
    var due_on: String?
    var status: String?
    var not_applicable_reason: String?
    var notes: String?
}

/// One action: what to do (from its recommendation) and, for those who may, the form to assign and track it.
struct ActionEditPage: Sendable {
    let action: ActionRow
    let recommendation: Recommendation?
    let owners: [UUID: String]
    let form: ActionForm?
    let errors: [String: String]
    let isAdmin: Bool
    let canUpdate: Bool

    static func build(_ action: PlanAction, viewer person: SignedIn, form: ActionForm? = nil, errors: [String: String] = [:],
                      on db: any Database, now: Date) async throws -> ActionEditPage {
        let org = action.$organisation.id
        return ActionEditPage(
            action: try ActionRow(action, today: PlanActions.today(now)),
            recommendation: try AssessmentContent.bank(person.language).recommendations[action.recommendationID],
            owners: try await ActionTable.owners(of: org, on: db), form: form, errors: errors,
            isAdmin: AssessmentAccess.canPlan(firm: org.uuidString, viewer: person.viewer),
            canUpdate: AssessmentAccess.canUpdate(actionOf: org.uuidString, owner: action.$owner.id?.uuidString, viewer: person.viewer))
    }
}
