import Fluent
import Foundation
import ShieldwallCore

/// A community's courses, its coming joint sessions, and for its facilitator the form that holds one.
struct CommunityTrainingPage: Sendable {
    struct Session: Sendable {
        let course: String
        let event: String
        let startsAt: Date
        let path: String
    }

    let community: (name: String, slug: String)
    /// Courses offered in this community (published), then our own modules and the instance's for sessions.
    let offered: [Course]
    let sessionCourses: [Course]
    let sessions: [Session]
    let canOffer: Bool
    let canHoldSession: Bool
    /// Coming events of the community, for the session form.
    let events: [(id: UUID, title: String)]
    var form = CourseActions.SessionForm()
    var errors: [String: String] = [:]

    static func build(_ community: Community, role: CommunityRole?, person: SignedIn, on db: any Database, now: Date) async throws -> CommunityTrainingPage {
        let id = try community.requireID()
        let courses = try await TrainingScope.courses(for: person, on: db).filter { $0.status == .published }
        let titles = Dictionary(courses.map { ($0.key.description, $0.title) }, uniquingKeysWith: { a, _ in a })
        let sessions = try await CourseActions.sessions(of: id, from: now, on: db).compactMap { s, e in
            e.id.map { Session(course: titles[s.courseKey] ?? s.courseKey, event: e.title, startsAt: e.startsAt, path: SiteURL.communityEvent(community.slug, $0).path) }
        }
        let canHold = TrainingAccess.canHoldSession(role: role)
        let events = canHold ? try await CommunityEvent.query(on: db).filter(\.$community.$id == id).filter(\.$cancelled == false)
            .filter(\.$startsAt > now).sort(\.$startsAt).limit(50).all().compactMap { e in e.id.map { ($0, e.title) } } : []
        return CommunityTrainingPage(community: (community.name, community.slug), offered: courses.filter { $0.community?.id == id },
                                     sessionCourses: courses.filter { $0.community == nil || $0.community?.id == id }, sessions: sessions,
                                     canOffer: community.status == .active && TrainingAccess.canOffer(.community(role: role), viewer: person.viewer),
                                     canHoldSession: canHold, events: events)
    }
}
