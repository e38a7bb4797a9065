import Fluent
import Foundation
import ShieldwallCore

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
