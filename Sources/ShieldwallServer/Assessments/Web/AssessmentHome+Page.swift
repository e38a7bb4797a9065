import Fluent
import Foundation
import ShieldwallCore

/// The self-assessment corner of a firm person's home page: the latest result, the next three steps not yet
/// planned, overdue actions and those assigned to them.
struct AssessmentHomeSection: Sendable {
    struct Action: Sendable {
        let id: UUID
        let title: String
        let dueOn: String?
    }

    let latest: AssessmentSummary?
    let nextSteps: [Recommendation]
    let overdue: [Action]
    let mine: [Action]

    /// Nil for people without a firm whose assessment they may see.
    static func build(for person: SignedIn, on db: any Database, now: Date) async throws -> AssessmentHomeSection? {
        guard let org = person.organisationID, AssessmentAccess.canView(firm: org.uuidString, viewer: person.viewer) else { return nil }
        let bank = try AssessmentContent.bank(person.language)
        let latest = try await AssessmentActions.latestSubmitted(of: org, on: db)
        // One read of the plan serves the next steps not yet planned, "assigned to you" and "overdue".
        let actions = try await AssessmentScope.actions(of: org, on: db).all()
            .sorted { ($0.dueOn ?? "~") < ($1.dueOn ?? "~") }  // no date last
        var steps: [Recommendation] = []
        if let latest {
            let result = AssessmentResult(bank: bank, answers: try await AssessmentActions.answers(of: latest, bank: bank, on: db))
            let planned = Set(actions.map(\.recommendationID))
            steps = Array(result.recommendations.map(\.recommendation).filter { !planned.contains($0.id) }.prefix(3))
        }
        let today = PlanActions.today(now)
        func row(_ a: PlanAction) throws -> Action { Action(id: try a.requireID(), title: a.title, dueOn: a.dueOn) }
        return AssessmentHomeSection(latest: try latest.map(AssessmentSummary.init), nextSteps: steps,
                                     overdue: try actions.filter { $0.isOverdue(today: today) }.map(row),
                                     mine: try actions.filter { $0.isOpen && $0.$owner.id == person.personID }.map(row))
    }
}
