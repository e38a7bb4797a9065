import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// How the community's plan applies to one firm: each measure of the current version with the firm's choice,
/// and the action it became.
struct FirmPlanPage: Sendable {
    struct Row: Sendable {
        let section: PlanSectionKind
        let sectionTitle: String
        let measure: PlanMeasure
        let adoption: MeasureAdoption?
        let actionID: UUID?
    }

    let card: CommunityCard
    let firm: String
    let version: Int
    let canManage: Bool
    let rows: [Row]
    var errors: [String: String] = [:]
    /// The measure a refused form was about.
    var failedMeasure: String?

    static func build(_ card: CommunityCard, state: PlanState, firm: Organisation, viewer: SignedIn, on db: any Database) async throws -> FirmPlanPage? {
        guard let current = state.current else { return nil }
        let org = try firm.requireID()
        let choices = try await FirmMeasure.query(on: db).filter(\.$plan.$id == state.plan.requireID()).filter(\.$organisation.$id == org).all()
        let byMeasure = Dictionary(choices.map { ($0.measureID, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try current.content().sections.flatMap { section in
            section.measures.map { m in
                Row(section: section.id, sectionTitle: section.title, measure: m, adoption: byMeasure[m.id]?.adoption, actionID: byMeasure[m.id]?.actionID)
            }
        }
        return FirmPlanPage(card: card, firm: firm.name, version: current.number,
                            canManage: PlanAccess.canManageFirmPart(firm: org.uuidString, viewer: viewer.viewer), rows: rows)
    }
}

struct FirmMeasureForm: Content {
    var status: String?
    var note: String?
}
