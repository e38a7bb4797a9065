import Fluent
import Foundation
import ShieldwallCore

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
