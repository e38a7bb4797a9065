import Fluent
import Foundation
import ShieldwallCore

/// One course assigned to a person and where they stand with it.
struct AssignedCourse: Sendable {
    let key: String
    /// Nil when the course is no longer offered to them (withdrawn, or their firm left its community).
    let course: Course?
    let cell: TrainingProgress.Cell

    /// Overdue first, then due by day, then done (latest first).
    static func ordered(_ cells: [String: TrainingProgress.Cell], courses: [Course]) -> [AssignedCourse] {
        let byKey = Dictionary(courses.map { ($0.key.description, $0) }, uniquingKeysWith: { a, _ in a })
        let rank: [TrainingStatus: Int] = [.overdue: 0, .due: 1, .done: 2]
        return cells.map { AssignedCourse(key: $0.key, course: byKey[$0.key], cell: $0.value) }.sorted {
            let a = (rank[$0.cell.status] ?? 3, $0.cell.status == .done ? "" : $0.cell.dueOn, $0.cell.doneOn ?? "")
            let b = (rank[$1.cell.status] ?? 3, $1.cell.status == .done ? "" : $1.cell.dueOn, $1.cell.doneOn ?? "")
            return a.0 != b.0 ? a.0 < b.0 : (a.1 != b.1 ? a.1 < b.1 : a.2 > b.2)
        }
    }
}

/// One thing a person did, as pages show it.
struct TrainingResult: Sendable {
    let courseKey: String
    let declared: Bool
    let passed: Bool
    let correct: Int
    let total: Int
    let completedOn: String

    init(_ r: TrainingRecord) {
        courseKey = r.courseKey
        declared = r.kind == .declared
        passed = r.passed
        correct = r.correct ?? 0
        total = r.total ?? 0
        completedOn = r.completedOn
    }
}

/// "My training": what I must do and by when, every course I may take, my drafts, and where to go next.
struct TrainingHomePage: Sendable {
    let personID: UUID
    let assigned: [AssignedCourse]
    let courses: [Course]
    let drafts: [Course]
    let managedFirm: UUID?
    let canOfferToEveryone: Bool

    static func build(for person: SignedIn, on db: any Database, now: Date) async throws -> TrainingHomePage {
        let all = try await TrainingScope.courses(for: person, on: db)
        var cells: [String: TrainingProgress.Cell] = [:]
        if let me = try await Person.find(person.personID, on: db) {
            cells = try await TrainingProgress.person(me, on: db, today: CalendarDay.string(now))
        }
        let firm = person.organisationID.flatMap { TrainingAccess.canManage(firm: $0.uuidString, viewer: person.viewer) ? $0 : nil }
        return TrainingHomePage(personID: person.personID, assigned: AssignedCourse.ordered(cells, courses: all),
                                courses: all.filter { $0.status == .published }, drafts: all.filter { $0.status != .published },
                                managedFirm: firm, canOfferToEveryone: TrainingAccess.canOffer(.instance, viewer: person.viewer))
    }
}
