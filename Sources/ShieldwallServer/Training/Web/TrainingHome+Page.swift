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

/// One course: its lessons and quiz (ours) or its description, link and "I finished it" (external); where I stand.
struct CoursePage: Sendable {
    struct Session: Sendable {
        let title: String
        let startsAt: Date
        let path: String
    }

    let course: Course
    let module: TrainingModule?
    let cell: TrainingProgress.Cell?
    let last: TrainingResult?
    let sessions: [Session]
    let canEdit: Bool
    var chosen: [String: String] = [:]
    var outcome: Quiz.Outcome?
    var errors: [String: String] = [:]
    var completedOn: String

    static func build(_ course: Course, for person: SignedIn, on db: any Database, now: Date) async throws -> CoursePage {
        let module: TrainingModule? = if case .module(let id) = course.key { try TrainingContent.library().module(id, language: person.language) } else { nil }
        var cell: TrainingProgress.Cell?
        if let me = try await Person.find(person.personID, on: db) {
            cell = try await TrainingProgress.person(me, on: db, today: CalendarDay.string(now))[course.key.description]
        }
        let last = try await TrainingRecord.query(on: db).filter(\.$person.$id == person.personID).filter(\.$courseKey == course.key.description)
            .sort(\.$createdAt, .descending).first().map(TrainingResult.init)
        let roles = try await CommunityStandings.activeCommunityIDs(of: person, on: db)
        var sessions: [Session] = []
        let held = try await CourseActions.sessions(of: course.key, in: Array(roles.keys), from: now, on: db)
        let names = try await TrainingScope.communityNames(Set(held.map(\.session.$community.id)), on: db)
        for (s, e) in held {
            guard let eventID = e.id, let slug = names[s.$community.id]?.slug else { continue }
            sessions.append(Session(title: e.title, startsAt: e.startsAt, path: SiteURL.communityEvent(slug, eventID).path))
        }
        let canEdit: Bool = if case .external = course.key, let author = course.authorID {
            TrainingAccess.canEditCourse(course.community.map { .community(role: roles[$0.id]) } ?? .instance, draft: course.status == .draft, author: author.uuidString, viewer: person.viewer)
        } else { false }
        return CoursePage(course: course, module: module, cell: cell, last: last, sessions: sessions.sorted { $0.startsAt < $1.startsAt },
                          canEdit: canEdit, completedOn: CalendarDay.string(now))
    }
}

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
        let checkInTitles = Dictionary((try AssessmentContent.checkIns()).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let results = try await CoachResult.query(on: db).filter(\.$person.$id == ownerID).sort(\.$completedAt, .descending).limit(100).all()
        return TrainingPersonPage(name: owner.displayName, isSelf: ownerID == viewer.personID, assigned: AssignedCourse.ordered(cells, courses: courses),
                                  records: records,
                                  checkIns: results.map { CheckIn(title: checkInTitles[$0.checkInID] ?? $0.checkInID, correct: $0.correct, total: $0.total, at: $0.completedAt) })
    }
}
