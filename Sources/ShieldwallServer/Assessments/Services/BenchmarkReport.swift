import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's benchmark from the latest recent submitted assessment of each active member firm.
/// Only scores travel here, never answers; `CommunityBenchmark` hides everything below k firms.
enum BenchmarkReport {
    static let overall = "overall"

    static func figures(for community: Community, viewerFirm: UUID?, bank: QuestionBank, k: Int,
                        on db: any Database, now: Date) async throws -> CommunityBenchmark {
        let firms = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == community.requireID())
            .filter(\.$status == ParticipationStatus.active).values(\.$organisation.$id)
        guard !firms.isEmpty else {
            return CommunityBenchmark(firmScores: [], own: nil, areaIDs: [], k: k)
        }
        let since = now.addingTimeInterval(-CommunityBenchmark.maximumAge)
        let submitted = try await Assessment.query(on: db).filter(\.$organisation.$id ~~ firms)
            .filter(\.$status == Assessment.Status.submitted).filter(\.$submittedAt >= since)
            .sort(\.$submittedAt, .descending).all()
        var latest: [UUID: [String: Int]] = [:]
        for assessment in submitted where latest[assessment.$organisation.id] == nil {
            var scores = assessment.areaScores
            if let overallScore = assessment.overall { scores[overall] = overallScore }
            latest[assessment.$organisation.id] = scores
        }
        let own = viewerFirm.flatMap { latest[$0] }
        return CommunityBenchmark(firmScores: Array(latest.values), own: own, areaIDs: [overall] + bank.areas.map(\.id), k: k)
    }
}
