import Fluent
import Foundation
import ShieldwallCore

/// `/communities/SLUG/mentoring`: offer to mentor, ask for a mentor (with suggestions by topic), one's own pairs, and
/// for the facilitator the open requests to pair. The chapter sees counts only, never what pairs write.
struct MentoringPage: Sendable {
    struct Suggestion: Sendable { let id: UUID; let name: String; let shared: [String] }
    struct OpenRequest: Sendable { let id: UUID; let name: String; let topics: String; let goals: String; let suggestions: [Suggestion] }
    struct Pair: Sendable { let id: UUID; let other: String; let asMentor: Bool; let startedAt: Date; let ended: Bool }
    struct Mentor: Sendable { let id: UUID; let name: String; let topics: String; let room: Int }

    let chapter: (name: String, slug: String)
    let isFacilitator: Bool
    let offer: MentoringActions.OfferForm?
    let myRequest: OpenRequest?
    let pairs: [Pair]
    let openRequests: [OpenRequest]
    let mentors: [Mentor]
    let running: Int
    let ended: Int
    let meetings: Int
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, person: SignedIn, on db: any Database) async throws -> MentoringPage {
        let id = chapter.id
        let mentors = try await MentoringActions.mentors(of: id, on: db)
        let names = Dictionary(mentors.map { ($0.offer.$person.id, $0.offer.person.displayName) }, uniquingKeysWith: { a, _ in a })
        let own = try await MentorOffer.query(on: db).filter(\.$community.$id == id).filter(\.$person.$id == person.personID).first()
        let myRequest = try await MenteeRequest.query(on: db).filter(\.$community.$id == id).filter(\.$person.$id == person.personID)
            .filter(\.$status == .open).with(\.$person).first()
        // The facilitator pairs the open requests, oldest first.
        let requests = chapter.isOrganiser ? try await MenteeRequest.query(on: db).filter(\.$community.$id == id).filter(\.$status == .open)
            .with(\.$person).sort(\.$createdAt).limit(200).all() : []
        func request(_ r: MenteeRequest) throws -> OpenRequest {
            OpenRequest(id: try r.requireID(), name: r.person.displayName, topics: r.topics, goals: r.goals,
                    suggestions: MentoringActions.suggestions(for: r, mentors: mentors).compactMap { s in
                        UUID(uuidString: s.mentor).map { Suggestion(id: $0, name: names[$0] ?? "", shared: s.shared) }
                    })
        }
        let mine = try await Mentorship.query(on: db).filter(\.$community.$id == id)
            .group(.or) { $0.filter(\.$mentor.$id == person.personID).filter(\.$mentee.$id == person.personID) }
            .with(\.$mentor).with(\.$mentee).sort(\.$startedAt, .descending).limit(100).all().map { p in
                let asMentor = p.$mentor.id == person.personID
                return Pair(id: try p.requireID(), other: asMentor ? p.mentee.displayName : p.mentor.displayName, asMentor: asMentor,
                            startedAt: p.startedAt, ended: p.endedAt != nil)
            }
        // The chapter's figures are counted, never read row by row.
        let running = try await Mentorship.query(on: db).filter(\.$community.$id == id).filter(\.$endedAt == nil).count()
        let ended = try await Mentorship.query(on: db).filter(\.$community.$id == id).filter(\.$endedAt != nil).count()
        let meetings = try await MentorshipMeeting.query(on: db).join(Mentorship.self, on: \MentorshipMeeting.$mentorship.$id == \Mentorship.$id)
            .filter(Mentorship.self, \.$community.$id == id).count()
        return MentoringPage(
            chapter: (chapter.community.name, chapter.community.slug), isFacilitator: chapter.isOrganiser,
            offer: own.map { MentoringActions.OfferForm(topics: $0.topics, capacity: String($0.capacity), note: $0.note, active: $0.active ? "true" : nil) },
            myRequest: try myRequest.map(request), pairs: mine,
            openRequests: try requests.map(request),
            mentors: chapter.isOrganiser ? mentors.map { Mentor(id: $0.offer.$person.id, name: $0.offer.person.displayName, topics: $0.offer.topics,
                                                                 room: max(0, $0.offer.capacity - $0.pairs)) }.filter { $0.room > 0 } : [],
            running: running, ended: ended, meetings: meetings)
    }
}

/// `/communities/SLUG/mentoring/pairs/ID`: one pair's goals and meetings, for the two of them only.
struct MentorshipPage: Sendable {
    struct Meeting: Sendable { let heldOn: String; let notes: String; let by: String }

    let chapter: (name: String, slug: String)
    let id: UUID
    let mentor: String
    let mentee: String
    let goals: String
    let startedAt: Date
    let endedAt: Date?
    let meetings: [Meeting]
    var form = MentoringActions.MeetingForm()
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, _ pair: Mentorship, on db: any Database) async throws -> MentorshipPage {
        let rows = try await MentorshipMeeting.query(on: db).filter(\.$mentorship.$id == pair.requireID()).sort(\.$heldOn, .descending).all()
        func name(_ id: UUID?) -> String { id == pair.$mentor.id ? pair.mentor.displayName : pair.mentee.displayName }
        return MentorshipPage(chapter: (chapter.community.name, chapter.community.slug), id: try pair.requireID(), mentor: pair.mentor.displayName,
                              mentee: pair.mentee.displayName, goals: pair.goals, startedAt: pair.startedAt, endedAt: pair.endedAt,
                              meetings: rows.map { Meeting(heldOn: $0.heldOn, notes: $0.notes, by: name($0.$writtenBy.id)) })
    }
}
