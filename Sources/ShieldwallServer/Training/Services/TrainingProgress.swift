import Fluent
import Foundation
import ShieldwallCore

/// Where each person of a firm stands with each course assigned to them (`TrainingRules`): a person-specific
/// assignment of a course wins over the firm-wide one.
struct TrainingProgress: Sendable {
    struct Cell: Sendable {
        let assignmentID: UUID
        let dueOn: String
        let status: TrainingStatus
        let doneOn: String?
        let everyone: Bool
    }

    /// Person → course key (text) → cell.
    let cells: [UUID: [String: Cell]]
    /// The course keys assigned to anyone, in the order first assigned.
    let courseKeys: [String]

    static func compute(assignments: [TrainingAssignment], people: [Person], completions: [UUID: [String: [String]]], today: String) -> TrainingProgress {
        var cells: [UUID: [String: Cell]] = [:]
        var keys: [String] = []
        let ordered = assignments.sorted { ($0.createdAt, $0.courseKey) < ($1.createdAt, $1.courseKey) }
        for a in ordered where !keys.contains(a.courseKey) { keys.append(a.courseKey) }
        for person in people {
            guard let personID = person.id else { continue }
            for key in keys {
                let mine = ordered.last { $0.courseKey == key && $0.$person.id == personID } ?? ordered.last { $0.courseKey == key && $0.everyone }
                guard let a = mine, let id = a.id else { continue }
                let due = TrainingRules.dueDay(assignmentDue: a.dueOn, assignedOn: a.assignedOn, joinedOn: CalendarDay.string(person.createdAt),
                                               everyone: a.everyone)
                let state = TrainingRules.status(dueOn: due, assignedOn: a.assignedOn, completions: completions[personID]?[key] ?? [], today: today)
                cells[personID, default: [:]][key] = Cell(assignmentID: id, dueOn: due, status: state.status, doneOn: state.doneOn, everyone: a.everyone)
            }
        }
        return TrainingProgress(cells: cells, courseKeys: keys)
    }

    /// A firm's progress: its active people and everything assigned in it.
    static func firm(_ firm: UUID, people: [Person], on db: any Database, today: String) async throws -> TrainingProgress {
        let assignments = try await TrainingAssignment.query(on: db).filter(\.$organisation.$id == firm).all()
        return compute(assignments: assignments, people: people, completions: try await completions(of: people.compactMap(\.id), on: db), today: today)
    }

    /// One person's progress in their firm.
    static func person(_ person: Person, on db: any Database, today: String) async throws -> [String: Cell] {
        guard let firm = person.$organisation.id, let id = person.id else { return [:] }
        let assignments = try await TrainingAssignment.query(on: db).filter(\.$organisation.$id == firm)
            .group(.or) { $0.filter(\.$person.$id == nil).filter(\.$person.$id == id) }.all()
        return compute(assignments: assignments, people: [person], completions: try await completions(of: [id], on: db), today: today).cells[id] ?? [:]
    }

    /// Days on which each person completed each course (passed quizzes and declarations).
    static func completions(of people: [UUID], on db: any Database) async throws -> [UUID: [String: [String]]] {
        guard !people.isEmpty else { return [:] }
        var result: [UUID: [String: [String]]] = [:]
        for r in try await TrainingRecord.query(on: db).filter(\.$person.$id ~~ people).filter(\.$passed == true).all() {
            result[r.$person.id, default: [:]][r.courseKey, default: []].append(r.completedOn)
        }
        return result
    }
}
