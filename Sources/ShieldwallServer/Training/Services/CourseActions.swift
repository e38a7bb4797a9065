import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// External courses: the operator offers one to the whole instance, a community's facilitator or experts to their
/// community; it stays a draft, seen by its author alone, until published. A community's facilitator holds a joint
/// session by linking one of its events to a course.
enum CourseActions {
    struct Form: Content {
        var provider: String?
        var minutes: String?
        var language: String?
        var title: String?
        var url: String?
        var summary: String?
        /// The community's slug, empty for the whole instance (new courses only).
        var community: String?
    }

    /// Checks the form; field → catalogue key of what is wrong.
    static func read(_ form: Form) throws -> ExternalCourseInput {
        let input = ExternalCourseInput(provider: form.provider ?? "", minutes: form.minutes ?? "",
                                        version: ExternalCourseVersion(language: (form.language ?? "").trimmingWhitespace(), title: form.title ?? "",
                                                                       url: form.url ?? "", summary: form.summary ?? ""))
        let problems = input.problems()
        guard problems.isEmpty else {
            throw ValidationFailure(problems.sorted { $0.key < $1.key }.map { FieldProblem(field: $0.key, key: "training.error.\($0.value.rawValue)") })
        }
        return input
    }

    /// Where a new course will be offered, if `person` may offer there.
    static func offerPlace(_ slug: String?, person: SignedIn, on db: any Database) async throws -> Community? {
        let slug = (slug ?? "").trimmingWhitespace()
        guard !slug.isEmpty else {
            guard TrainingAccess.canOffer(.instance, viewer: person.viewer) else { throw Refusal(.forbidden, "training.error.cannot-offer") }
            return nil
        }
        guard let community = try await Community.query(on: db).filter(\.$slug == slug).first() else { throw Refusal(.notFound, "error.community-not-found") }
        let role = try await CommunityStandings.activeCommunityIDs(of: person, on: db)[try community.requireID()]
        guard community.status == .active, TrainingAccess.canOffer(.community(role: role), viewer: person.viewer) else {
            throw Refusal(.forbidden, "training.error.cannot-offer")
        }
        return community
    }

    static func create(_ form: Form, by person: SignedIn, ctx: ActionContext) async throws -> TrainingCourse {
        let community = try await offerPlace(form.community, person: person, on: ctx.db)
        let input = try read(form)
        let row = TrainingCourse()
        row.$community.id = try community?.requireID()
        row.status = .draft
        row.provider = input.provider.trimmingWhitespace()
        row.minutes = Int(input.minutes.trimmingWhitespace()) ?? 0
        row.setVersions([input.cleaned])
        row.$author.id = person.personID
        row.createdAt = ctx.now
        row.updatedAt = ctx.now
        try await row.create(on: ctx.db)
        return row
    }

    /// Saves the provider and length, and the version in the form's language (added, or replacing that language's).
    static func update(_ row: TrainingCourse, form: Form, ctx: ActionContext) async throws {
        let input = try read(form)
        var versions = try row.versions().filter { $0.language != input.version.language }
        versions.append(input.cleaned)
        row.provider = input.provider.trimmingWhitespace()
        row.minutes = Int(input.minutes.trimmingWhitespace()) ?? row.minutes
        row.setVersions(versions)
        row.updatedAt = ctx.now
        try await row.save(on: ctx.db)
    }

    static func setStatus(_ row: TrainingCourse, to raw: String?, ctx: ActionContext) async throws {
        guard let status = raw.flatMap(TrainingCourse.Status.init(rawValue:)) else { throw ValidationFailure(field: "status", key: "training.error.status") }
        row.status = status
        row.updatedAt = ctx.now
        try await row.save(on: ctx.db)
    }

    struct SessionForm: Content {
        var event: String?
        var course: String?
    }

    /// Links a coming event of the community to a course the community's people may see.
    static func holdSession(_ form: SessionForm, in community: Community, role: CommunityRole?, by person: SignedIn, ctx: ActionContext) async throws {
        guard TrainingAccess.canHoldSession(role: role) else { throw Refusal(.forbidden, "training.error.cannot-hold") }
        let communityID = try community.requireID()
        var problems = ProblemList()
        let event = try await UUID(uuidString: form.event ?? "").asyncFlatMap { id in
            try await CommunityEvent.query(on: ctx.db).filter(\.$id == id).filter(\.$community.$id == communityID)
                .filter(\.$cancelled == false).filter(\.$startsAt > ctx.now).first()
        }
        if event == nil { problems.add("event", "training.error.choose-event") }
        let key = CourseKey(form.course ?? "")
        let course = try? await TrainingScope.course(key, for: person, on: ctx.db)
        if course?.status != .published || (course?.community.map { $0.id != communityID } ?? false) {
            problems.add("course", "training.error.no-course")
        }
        try problems.throwIfAny()
        guard let event, let key else { return }
        let eventID = try event.requireID()
        if let existing = try await TrainingSession.query(on: ctx.db).filter(\.$event.$id == eventID).first() {
            existing.courseKey = key.description
            try await existing.save(on: ctx.db)
        } else {
            try await TrainingSession(communityID: communityID, eventID: eventID, course: key, at: ctx.now).create(on: ctx.db)
        }
    }

    /// A community's coming joint sessions with their events, soonest first.
    static func sessions(of community: UUID, from now: Date, on db: any Database) async throws -> [(session: TrainingSession, event: CommunityEvent)] {
        try await coming(TrainingSession.query(on: db).filter(\.$community.$id == community).all(), from: now, on: db)
    }

    /// The coming joint sessions on `course` in any of `communities`, soonest first.
    static func sessions(of course: CourseKey, in communities: [UUID], from now: Date, on db: any Database) async throws
        -> [(session: TrainingSession, event: CommunityEvent)] {
        guard !communities.isEmpty else { return [] }
        return try await coming(TrainingSession.query(on: db).filter(\.$community.$id ~~ communities).filter(\.$courseKey == course.description).all(),
                                from: now, on: db)
    }

    private static func coming(_ sessions: [TrainingSession], from now: Date, on db: any Database) async throws
        -> [(session: TrainingSession, event: CommunityEvent)] {
        guard !sessions.isEmpty else { return [] }
        let events = try await CommunityEvent.query(on: db).filter(\.$id ~~ sessions.map(\.$event.id)).filter(\.$cancelled == false)
            .filter(\.$endsAt > now).sort(\.$startsAt).all()
        return events.compactMap { e in sessions.first { $0.$event.id == e.id }.map { ($0, e) } }
    }
}
