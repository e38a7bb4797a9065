import Fluent
import Foundation

/// The security dashboard's "add to our action list" becomes an action in the firm's action plan (Assessments).
struct SecurityFollowUpActions: SecurityFollowUps {
    func addAction(firm: UUID, key: String, title: String, by person: SignedIn, on db: any Database, now: Date) async throws {
        _ = try await PlanActions.action(firm: firm, key: key, title: title, by: person, on: db, now: now)
    }

    func openActions(firm: UUID, keys: [String], on db: any Database) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let open = try await AssessmentScope.actions(of: firm, on: db).filter(\.$recommendationID ~~ keys)
            .filter(\.$status ~~ [PlanAction.Status.todo, PlanAction.Status.doing]).all()
        return Set(open.map(\.recommendationID))
    }
}

/// An advisory's follow-up (ThreatSharing) lands in the same action list.
extension SecurityFollowUpActions: AdvisoryFollowUps {
    func listed(firm: UUID, keys: [String], on db: any Database) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return Set(try await AssessmentScope.actions(of: firm, on: db).filter(\.$recommendationID ~~ keys).all().map(\.recommendationID))
    }
}
