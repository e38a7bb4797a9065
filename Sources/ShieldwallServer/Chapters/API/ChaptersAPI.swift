import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Chapters over the API: the public page and a capture-the-flag's scoreboard for anyone (no token needed, as on
/// the web); the registrations of a public event and adding challenges for the chapter's facilitator.
struct ChaptersAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.chapter, use: chapter)
        routes.get(APIURL.chapterScoreboard, use: scoreboard)
        routes.get(APIURL.chapterRegistrations, use: registrations)
        routes.post(APIURL.chapterChallenges, use: addChallenge)
    }

    struct EventDTO: Content {
        let id: UUID
        let kind: String
        let title: String
        let starts_at: Date
        let ends_at: Date
        let location: String
        let host: String?
        let capacity: Int?
        let seats_taken: Int
        let waiting: Int
        let materials: String?
        let url: String
    }

    struct ChapterDTO: Content {
        let name: String
        let slug: String
        let about: String
        let coming: [EventDTO]
        let past: [EventDTO]
    }

    @Sendable func chapter(req: Request) async throws -> ChapterDTO {
        let chapter = try await ChapterScope.publicChapter(req)
        let page = try await ChapterPublicPage.build(chapter, on: req.db, now: req.now)
        let base = req.shieldwall.configuration.baseURL
        func dto(_ e: PublicEventSummary, past: Bool) -> EventDTO {
            EventDTO(id: e.event.id, kind: e.event.kind.rawValue, title: e.event.title, starts_at: e.event.startsAt, ends_at: e.event.endsAt,
                     location: e.event.location, host: e.host, capacity: e.capacity, seats_taken: e.seated, waiting: e.waiting,
                     materials: past ? e.materials : nil, url: base + e.path)
        }
        return ChapterDTO(name: page.name, slug: page.slug, about: page.about, coming: page.coming.map { dto($0, past: false) },
                          past: page.past.map { dto($0, past: true) })
    }

    struct RowDTO: Content {
        let place: Int
        let handle: String
        /// The handles that play for this row: one for a player on their own, several for a team.
        let members: [String]
        let score: Int
        let solved: Int
        let last_solve_at: Date?
    }

    struct ScoreboardDTO: Content {
        let event: UUID
        let phase: String
        let rows: [RowDTO]
    }

    @Sendable func scoreboard(req: Request) async throws -> ScoreboardDTO {
        let chapter = try await ChapterScope.publicChapter(req)
        let (event, _) = try await ChapterScope.publicEvent(req, in: chapter)
        guard event.kind == .ctf else { throw Refusal(.notFound, "chapters.error.event-not-found") }
        let standing = try await CTFActions.standing(try event.requireID(), on: req.db)
        let phase: String
        switch CTFActions.phase(event, now: req.now) {
        case .before: phase = "before"
        case .running: phase = "running"
        case .ended: phase = "ended"
        }
        return ScoreboardDTO(event: try event.requireID(), phase: phase, rows: standing.rows.map {
            RowDTO(place: $0.place, handle: standing.names[$0.player] ?? "", members: standing.members[$0.player] ?? [], score: $0.score,
                   solved: $0.solved, last_solve_at: $0.reachedAt)
        })
    }

    struct RegistrationDTO: Content {
        let id: UUID
        let name: String?
        let email: String?
        let status: String
        /// "seat", "waiting" or null (pending, cancelled).
        let place: String?
        let waiting_position: Int?
        let registered_at: Date
        let attended: Bool?
    }

    @Sendable func registrations(req: Request) async throws -> [RegistrationDTO] {
        let chapter = try await ChapterScope.organisedAPI(req)
        let event = try await Self.event(req, in: chapter)
        let page = try await ChapterEventAdminPage.build(chapter, event, on: req.db, now: req.now)
        return page.registrants.map { r in
            var place: String?, position: Int?
            switch r.place {
            case .seat?: place = "seat"
            case .waiting(let n)?: place = "waiting"; position = n
            case nil: break
            }
            return RegistrationDTO(id: r.id, name: r.name, email: r.email, status: r.status.rawValue, place: place, waiting_position: position,
                                   registered_at: r.registeredAt, attended: r.attended)
        }
    }

    struct Created: Content { let id: UUID }

    struct HintInput: Content { let cost: Int; let text: String }

    struct ChallengeInput: Content {
        let title: String?
        let category: String?
        let description: String?
        let points: Int?
        let flag: String?
        let hints: [HintInput]?
        let writeup: String?

        var form: CTFActions.ChallengeForm {
            CTFActions.ChallengeForm(title: title, category: category, description: description, points: points.map(String.init), flag: flag,
                                     hints: (hints ?? []).map { "\($0.cost) | \($0.text.replacingOccurrences(of: "\n", with: " "))" }.joined(separator: "\n"),
                                     writeup: writeup)
        }
    }

    @Sendable func addChallenge(req: Request) async throws -> Response {
        let chapter = try await ChapterScope.organisedAPI(req)
        let event = try await Self.event(req, in: chapter)
        let form = try req.content.decode(ChallengeInput.self).form
        let challenge = try await CTFActions.addChallenge(form, to: event, ctx: ActionContext(req))
        return try await Created(id: try challenge.requireID()).encodeResponse(status: .created, for: req)
    }

    static func event(_ req: Request, in chapter: ChapterScope.Chapter) async throws -> CommunityEvent {
        guard let id = req.parameters.get(.eventID, as: UUID.self),
              let event = try await CommunityEvent.query(on: req.db).filter(\.$id == id).filter(\.$community.$id == chapter.id).first()
        else { throw Refusal(.notFound, "chapters.error.event-not-found") }
        return event
    }
}
