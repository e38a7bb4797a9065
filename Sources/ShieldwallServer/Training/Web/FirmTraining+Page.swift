import Fluent
import Foundation
import ShieldwallCore

/// A firm admin's view of training: people × assigned courses (done, due, overdue), the assignments, and the form to
/// assign a course to someone or everyone.
struct FirmTrainingPage: Sendable {
    struct Column: Sendable {
        let key: String
        let title: String
    }

    struct Row: Sendable {
        let personID: UUID
        let name: String
        /// Course key → cell; absent when the course is not assigned to them.
        let cells: [String: TrainingProgress.Cell]
    }

    struct Assignment: Sendable {
        let id: UUID
        let title: String
        /// Nil: everyone.
        let person: String?
        let dueOn: String
    }

    let firmID: UUID
    let firmName: String
    let columns: [Column]
    let rows: [Row]
    let assignments: [Assignment]
    /// Courses the admin may assign (published, offered to them).
    let courses: [Course]
    var form = TrainingActions.AssignForm()
    var errors: [String: String] = [:]

    func count(_ status: TrainingStatus) -> Int { rows.reduce(0) { $0 + $1.cells.values.filter { $0.status == status }.count } }

    static func build(firm: UUID, admin: SignedIn, on db: any Database, now: Date) async throws -> FirmTrainingPage {
        guard let org = try await Organisation.find(firm, on: db) else { throw Refusal(.notFound, "error.organisation-not-found") }
        let people = try await TrainingScope.people(of: firm, on: db)
        let progress = try await TrainingProgress.firm(firm, people: people, on: db, today: CalendarDay.string(now))
        let courses = try await TrainingScope.courses(for: admin, on: db)
        let titles = Dictionary(courses.map { ($0.key.description, $0.title) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(people.compactMap { p in p.id.map { ($0, p.displayName) } }, uniquingKeysWith: { a, _ in a })
        let assignments = try await TrainingAssignment.query(on: db).filter(\.$organisation.$id == firm).sort(\.$createdAt).all()
        return FirmTrainingPage(
            firmID: firm, firmName: org.name,
            columns: progress.courseKeys.map { Column(key: $0, title: titles[$0] ?? $0) },
            rows: people.compactMap { p in p.id.map { Row(personID: $0, name: p.displayName, cells: progress.cells[$0] ?? [:]) } },
            assignments: assignments.compactMap { a in
                a.id.map { Assignment(id: $0, title: titles[a.courseKey] ?? a.courseKey, person: a.$person.id.map { names[$0] ?? "—" }, dueOn: a.dueOn) }
            },
            courses: courses.filter { $0.status == .published })
    }

    /// The matrix as rows of a CSV file: one line per person and assigned course.
    func csv() -> [[String]] {
        [["person", "course", "status", "due_on", "done_on"]] + rows.flatMap { row in
            columns.compactMap { column in
                row.cells[column.key].map { [row.name, column.title, $0.status.rawValue, $0.dueOn, $0.doneOn ?? ""] }
            }
        }
    }
}
