import Fluent
import SQLKit
import Foundation
import ShieldwallCore
import Vapor

/// Mentoring in a chapter: people offer to mentor (topics, capacity), newcomers ask (goals, topics), the facilitator
/// or the newcomer (among the suggestions) makes a pair, the pair keeps a light record of meetings, either ends it.
enum MentoringActions {
    struct OfferForm: Content, Sendable { var topics: String?; var capacity: String?; var note: String?; var active: String? }
    struct RequestForm: Content, Sendable { var topics: String?; var goals: String? }
    struct PairForm: Content, Sendable { var request: String?; var mentor: String? }
    struct MeetingForm: Content, Sendable { var heldOn: String?; var notes: String? }

    private static func topics(_ text: String?, into problems: inout ProblemList) -> [String] {
        let list = Mentoring.topics(text ?? "")
        if let problem = Mentoring.problem(with: list) { problems.add("topics", "chapters.error.topics-\(problem.rawValue)", ["max": String(Mentoring.maxTopics)]) }
        return list
    }

    static func offer(_ form: OfferForm, in chapterID: UUID, by person: SignedIn, ctx: ActionContext) async throws {
        var problems = ProblemList()
        let list = topics(form.topics, into: &problems)
        let capacity = Int((form.capacity ?? "").trimmingWhitespace())
        if capacity.map({ !(1...Mentoring.maxCapacity).contains($0) }) ?? true {
            problems.add("capacity", "error.range", ["min": "1", "max": String(Mentoring.maxCapacity)])
        }
        let note = problems.optionalText("note", form.note, maxLength: 1000)
        try problems.throwIfAny()
        let row = try await MentorOffer.query(on: ctx.db).filter(\.$community.$id == chapterID).filter(\.$person.$id == person.personID).first() ?? {
            let r = MentorOffer()
            r.$community.id = chapterID
            r.$person.id = person.personID
            r.createdAt = ctx.now
            return r
        }()
        row.topics = list.joined(separator: ", ")
        row.capacity = capacity ?? 1
        row.note = note
        row.active = form.active != nil
        try await row.save(on: ctx.db)
    }

    static func ask(_ form: RequestForm, in chapterID: UUID, by person: SignedIn, ctx: ActionContext) async throws {
        var problems = ProblemList()
        let list = topics(form.topics, into: &problems)
        let goals = problems.text("goals", form.goals, maxLength: 2000)
        try problems.throwIfAny()
        if try await MenteeRequest.query(on: ctx.db).filter(\.$community.$id == chapterID).filter(\.$person.$id == person.personID)
            .filter(\.$status == .open).first() != nil {
            throw ValidationFailure(field: "goals", key: "chapters.error.already-asked")
        }
        let row = MenteeRequest()
        row.$community.id = chapterID
        row.$person.id = person.personID
        row.topics = list.joined(separator: ", ")
        row.goals = goals
        row.status = .open
        row.createdAt = ctx.now
        try await row.create(on: ctx.db)
    }

    /// A newcomer takes back their open request (found a mentor elsewhere, or changed their mind).
    static func withdrawRequest(in chapterID: UUID, by person: SignedIn, on db: any Database) async throws {
        try await MenteeRequest.query(on: db).filter(\.$community.$id == chapterID).filter(\.$person.$id == person.personID)
            .filter(\.$status == .open).set(\.$status, to: .withdrawn).update()
    }

    /// Active mentors of a chapter with how many pairs each runs now.
    static func mentors(of chapterID: UUID, on db: any Database) async throws -> [(offer: MentorOffer, pairs: Int)] {
        let offers = try await MentorOffer.query(on: db).filter(\.$community.$id == chapterID).filter(\.$active == true).with(\.$person).all()
        let running = try await Mentorship.query(on: db).filter(\.$community.$id == chapterID).filter(\.$endedAt == nil).values(\.$mentor.$id)
        let counts = Dictionary(running.map { ($0, 1) }, uniquingKeysWith: +)
        return offers.map { ($0, counts[$0.$person.id] ?? 0) }
    }

    static func suggestions(for request: MenteeRequest, mentors: [(offer: MentorOffer, pairs: Int)]) -> [Mentoring.Suggestion] {
        Mentoring.suggest(for: Mentoring.topics(request.topics), newcomer: request.$person.id.uuidString, among: mentors.map {
            Mentoring.Mentor(id: $0.offer.$person.id.uuidString, topics: Mentoring.topics($0.offer.topics), capacity: $0.offer.capacity, pairs: $0.pairs)
        })
    }

    /// Pairs an open request with a mentor who has room: the facilitator with any such mentor, the newcomer with one
    /// of their suggestions. Both are told by mail.
    static func pair(_ form: PairForm, in chapter: ChapterScope.Chapter, by person: SignedIn, ctx: ActionContext) async throws -> Mentorship {
        guard let requestID = form.request.flatMap({ UUID(uuidString: $0) }),
              let request = try await MenteeRequest.query(on: ctx.db).filter(\.$id == requestID).filter(\.$community.$id == chapter.id)
                .filter(\.$status == .open).with(\.$person).first()
        else { throw ValidationFailure(field: "request", key: "chapters.error.request-not-found") }
        let isNewcomer = request.$person.id == person.personID
        guard chapter.isOrganiser || isNewcomer else { throw Refusal(.notFound, "chapters.error.request-not-found") }
        let mentors = try await mentors(of: chapter.id, on: ctx.db)
        guard let mentorID = form.mentor.flatMap({ UUID(uuidString: $0) }),
              let mentor = mentors.first(where: { $0.offer.$person.id == mentorID }), mentor.pairs < mentor.offer.capacity, mentorID != request.$person.id
        else { throw ValidationFailure(field: "mentor", key: "chapters.error.mentor-unavailable") }
        let suggested = suggestions(for: request, mentors: mentors).contains { $0.mentor == mentorID.uuidString }
        guard ChapterAccess.canPair(isFacilitator: chapter.isOrganiser, isNewcomer: isNewcomer, suggested: suggested) else {
            throw ValidationFailure(field: "mentor", key: "chapters.error.mentor-not-suggested")
        }
        let pair = Mentorship()
        pair.$community.id = chapter.id
        pair.$mentor.id = mentorID
        pair.$mentee.id = request.$person.id
        pair.goals = request.goals
        pair.startedAt = ctx.now
        try await ctx.db.transaction { tx in
            // Claims the request in one statement, so two people pairing it at once make one pair, not two.
            guard try await claim(requestID, on: tx) else { throw ValidationFailure(field: "request", key: "chapters.error.request-not-found") }
            try await pair.create(on: tx)
        }
        let link = ctx.services.configuration.baseURL + SiteURL.mentorship(chapter.community.slug, try pair.requireID()).path
        let mentorPerson = mentor.offer.person, mentee = request.person
        _ = await ctx.mailAfterSaving([(mentorPerson, mentee), (mentee, mentorPerson)].map { to, other in
            let l = ctx.services.catalogues.localiser(for: to.language)
            return MailMessage(to: to.email, subject: l.text("mail.mentorship.subject", ["chapter": chapter.community.name]),
                        body: l.text("mail.mentorship.body", ["name": to.displayName, "other": other.displayName, "chapter": chapter.community.name, "link": link]))
        })
        return pair
    }

    private static func claim(_ requestID: UUID, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let rows = try await sql.raw("""
            UPDATE mentee_requests SET status = \(bind: MenteeRequest.Status.paired.rawValue)
            WHERE id = \(bind: requestID) AND status = \(bind: MenteeRequest.Status.open.rawValue) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// The pair named by `:pairID`, for its mentor or newcomer only; 404 for anyone else.
    static func mentorship(_ req: Request, chapter: ChapterScope.Chapter, person: SignedIn) async throws -> Mentorship {
        guard let id = req.parameters.get(.pairID, as: UUID.self),
              let pair = try await Mentorship.query(on: req.db).filter(\.$id == id).filter(\.$community.$id == chapter.id).with(\.$mentor).with(\.$mentee).first(),
              ChapterAccess.canSeeMentorship(mentor: pair.$mentor.id.uuidString, mentee: pair.$mentee.id.uuidString, viewer: person.personID.uuidString)
        else { throw Refusal(.notFound, "chapters.error.pair-not-found") }
        return pair
    }

    static func recordMeeting(_ form: MeetingForm, in pair: Mentorship, by person: SignedIn, ctx: ActionContext) async throws {
        guard pair.endedAt == nil else { throw ValidationFailure(field: "notes", key: "chapters.error.pair-ended") }
        var problems = ProblemList()
        let notes = problems.text("notes", form.notes, maxLength: 2000)
        let day = (form.heldOn ?? "").trimmingWhitespace()
        if CalendarDay.date(day) == nil { problems.add("heldOn", "chapters.error.day") }
        else if day > CalendarDay.string(ctx.now) { problems.add("heldOn", "chapters.error.meeting-future") }
        try problems.throwIfAny()
        let row = MentorshipMeeting()
        row.$mentorship.id = try pair.requireID()
        row.heldOn = day
        row.notes = notes
        row.$writtenBy.id = person.personID
        row.createdAt = ctx.now
        try await row.create(on: ctx.db)
    }

    static func end(_ pair: Mentorship, by person: SignedIn, ctx: ActionContext) async throws {
        guard pair.endedAt == nil else { return }
        pair.endedAt = ctx.now
        pair.$endedBy.id = person.personID
        try await pair.update(on: ctx.db)
    }
}
