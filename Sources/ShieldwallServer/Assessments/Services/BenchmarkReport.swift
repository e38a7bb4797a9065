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
            .filter(\.$status == ParticipationStatus.active).all(\.$organisation.$id)
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

/// Staff check-ins: recording one, and the firm admin's view of completion and weak topics.
enum CoachActions {
    static func record(_ checkIn: CoachCheckIn, answers: [String: String], person: SignedIn,
                       on db: any Database, now: Date) async throws -> CoachCheckIn.Outcome {
        switch checkIn.mark(answers) {
        case .failure(.missing(let question)):
            throw ValidationFailure(field: question, key: "coach.error.missing")
        case .failure(.unknownOption(let question, _)):
            throw ValidationFailure(field: question, key: "coach.error.unknown-option")
        case .success(let outcome):
            try await CoachResult(personID: person.personID, organisationID: person.organisationID, checkInID: checkIn.id,
                                  correct: outcome.correct, total: outcome.total, answers: answers, at: now).create(on: db)
            return outcome
        }
    }

    struct PersonSummary: Sendable {
        let name: String
        let done: Int
        let weakTopics: [String]
    }

    /// Per person of the firm: how many check-ins they completed and the topics of their latest
    /// attempts that were not all right. No answers leave here.
    static func team(of org: UUID, checkIns: [CoachCheckIn], on db: any Database) async throws -> [PersonSummary] {
        let people = try await Person.query(on: db).filter(\.$organisation.$id == org).filter(\.$deactivatedAt == nil)
            .sort(\.$displayName).all()
        let results = try await CoachResult.query(on: db).filter(\.$organisation.$id == org).sort(\.$completedAt, .descending).all()
        return people.map { person in
            var latest: [String: CoachResult] = [:]
            for r in results where r.$person.id == person.id && latest[r.checkInID] == nil { latest[r.checkInID] = r }
            let weak = checkIns.filter { c in latest[c.id].map { $0.correct < $0.total } ?? false }.map(\.topic)
            return PersonSummary(name: person.displayName, done: latest.count, weakTopics: weak)
        }
    }
}
