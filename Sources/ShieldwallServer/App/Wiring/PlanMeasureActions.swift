import Fluent
import Foundation

/// The plan's measures become actions in the firm's action plan (Assessments) through this adapter.
struct PlanMeasureActions: FirmActionList {
    func action(firm: UUID, key: String, title: String, by person: SignedIn, on db: any Database, now: Date) async throws -> UUID {
        try await PlanActions.action(firm: firm, key: key, title: title, by: person, on: db, now: now).requireID()
    }
}
