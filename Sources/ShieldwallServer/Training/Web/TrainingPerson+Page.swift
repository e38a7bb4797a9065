import Fluent
import Foundation
import ShieldwallCore

/// A person's training record: what is assigned to them, every quiz and course they did, and their coach check-ins.
/// Theirs and their firm admin's only.
struct TrainingPersonPage: Sendable {
    struct Done: Sendable {
        let title: String
        let record: TrainingResult
    }

    struct CheckIn: Sendable {
        let title: String
        let correct: Int
        let total: Int
        let at: Date
    }

    let name: String
    let isSelf: Bool
    let assigned: [AssignedCourse]
    let records: [Done]
    let checkIns: [CheckIn]

    static func build(_ owner: Person, viewer: SignedIn, on db: any Database, now: Date) async throws -> TrainingPersonPage {
        let ownerID = try owner.requireID()
        let courses = try await TrainingScope.courses(for: viewer, on: db)
        let titles = Dictionary(courses.map { ($0.key.description, $0.title) }, uniquingKeysWith: { a, _ in a })
        let cells = try await TrainingProgress.person(owner, on: db, today: CalendarDay.string(now))
        let records = try await TrainingActions.history(of: ownerID, on: db).map { Done(title: titles[$0.courseKey] ?? $0.courseKey, record: TrainingResult($0)) }
        let checkInTitles = Dictionary((try AssessmentContent.checkIns(viewer.language)).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let results = try await CoachResult.query(on: db).filter(\.$person.$id == ownerID).sort(\.$completedAt, .descending).limit(100).all()
        return TrainingPersonPage(name: owner.displayName, isSelf: ownerID == viewer.personID, assigned: AssignedCourse.ordered(cells, courses: courses),
                                  records: records,
                                  checkIns: results.map { CheckIn(title: checkInTitles[$0.checkInID] ?? $0.checkInID, correct: $0.correct, total: $0.total, at: $0.completedAt) })
    }
}
