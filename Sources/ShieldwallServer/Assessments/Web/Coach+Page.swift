import Fluent
import Foundation
import ShieldwallCore

/// The staff check-ins with the person's own last result of each.
struct CoachListPage: Sendable {
    struct Row: Sendable {
        let checkIn: CoachCheckIn
        /// Correct, out of, and when: the person's latest attempt.
        let last: (correct: Int, total: Int, at: Date)?
    }

    let rows: [Row]
    /// The firm's admin also sees the team's completion.
    let canSeeTeam: Bool

    static func build(for person: SignedIn, on db: any Database) async throws -> CoachListPage {
        var latest: [String: CoachResult] = [:]
        for r in try await AssessmentScope.ownCheckIns(of: person, on: db).sort(\.$completedAt, .descending).all() where latest[r.checkInID] == nil {
            latest[r.checkInID] = r
        }
        return CoachListPage(
            rows: try AssessmentContent.checkIns(person.language).map { c in Row(checkIn: c, last: latest[c.id].map { ($0.correct, $0.total, $0.completedAt) }) },
            canSeeTeam: person.organisationID.map { AssessmentAccess.canSeeTeamCoaching(firm: $0.uuidString, viewer: person.viewer) } ?? false)
    }
}

/// One check-in: its questions, what the person chose and, once marked, feedback on every answer.
struct CheckInPage: Sendable {
    let checkIn: CoachCheckIn
    let chosen: [String: String]
    let outcome: CoachCheckIn.Outcome?
    let errors: [String: String]
}

/// For the firm's admin: who did how many check-ins and their weak topics, never their answers.
struct CoachTeamPage: Sendable {
    let people: [CoachActions.PersonSummary]
    let checkIns: Int
}
