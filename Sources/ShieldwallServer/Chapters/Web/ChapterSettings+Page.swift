import Fluent
import Foundation
import ShieldwallCore

/// `/communities/SLUG/chapter`: the facilitator's side of a chapter's public face — the page's text, which events
/// are public (with a host firm and materials), and each public event's registrations.
struct ChapterSettingsPage: Sendable {
    struct Item: Sendable {
        let event: EventSummary
        let isPublic: Bool
        let host: String?
        let materials: String
        let registrations: Int
    }

    let name: String
    let slug: String
    let about: String
    let published: Bool
    let events: [Item]
    let firms: [(id: UUID, name: String)]
    let contacts: Int
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, on db: any Database, now: Date) async throws -> ChapterSettingsPage {
        let slug = chapter.community.slug
        let events = try await CommunityEvent.query(on: db).filter(\.$community.$id == chapter.id).filter(\.$cancelled == false)
            .filter(\.$endsAt > now.addingTimeInterval(-90 * 86_400)).sort(\.$startsAt).limit(100).all()
        let ids = events.compactMap(\.id)
        let listings = ids.isEmpty ? [] : try await PublicEvent.query(on: db).filter(\.$event.$id ~~ ids).all()
        let byEvent = Dictionary(listings.map { ($0.$event.id, $0) }, uniquingKeysWith: { a, _ in a })
        let live = ids.isEmpty ? [] : try await EventRegistration.query(on: db).filter(\.$event.$id ~~ ids).filter(\.$status == .confirmed).values(\.$event.$id)
        let counts = Dictionary(live.map { ($0, 1) }, uniquingKeysWith: +)
        let firms = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == chapter.id).filter(\.$status == .active)
            .with(\.$organisation).all().compactMap { m in m.organisation.id.map { ($0, m.organisation.name) } }.sorted { $0.1 < $1.1 }
        let names = Dictionary(firms.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let items = try events.map { e in
            let listing = byEvent[try e.requireID()]
            return Item(event: try EventSummary(e, slug: slug), isPublic: listing != nil, host: listing?.$host.id.flatMap { names[$0] },
                        materials: listing?.materials ?? "", registrations: counts[try e.requireID()] ?? 0)
        }
        let contacts = try await ChapterContact.query(on: db).filter(\.$community.$id == chapter.id).count()
        return ChapterSettingsPage(name: chapter.community.name, slug: slug, about: chapter.page?.about ?? "", published: chapter.published,
                                   events: items, firms: firms, contacts: contacts)
    }
}

/// `/communities/SLUG/chapter/events/ID`: who registered (the organiser alone sees names and e-mail addresses, until
/// they are removed after the event), attendance, and a capture-the-flag's challenges.
struct ChapterEventAdminPage: Sendable {
    struct Registrant: Sendable {
        let id: UUID
        let name: String
        let email: String
        let status: EventRegistration.Status
        let place: Seats.Place?
        let registeredAt: Date
        let attended: Bool?
    }

    struct Challenge: Sendable {
        let title: String
        let category: String
        let points: Int
        let hints: Int
        let solves: Int
    }

    let chapter: (name: String, slug: String)
    let event: EventSummary
    let capacity: Int?
    let registrants: [Registrant]
    let erased: Int
    let challenges: [Challenge]
    let started: Bool
    var form = CTFActions.ChallengeForm()
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, _ event: CommunityEvent, on db: any Database, now: Date) async throws -> ChapterEventAdminPage {
        let eventID = try event.requireID()
        let rows = try await EventRegistration.query(on: db).filter(\.$event.$id == eventID).sort(\.$registeredAt).all()
        let places = try await RegistrationActions.places(event, on: db)
        let registrants = try rows.filter { $0.erasedAt == nil }.map { r in
            Registrant(id: try r.requireID(), name: r.name ?? "", email: r.email ?? "", status: r.status,
                       place: r.status == .confirmed ? places[try r.requireID().uuidString] : nil, registeredAt: r.registeredAt, attended: r.attended)
        }
        var challenges: [Challenge] = []
        if event.kind == .ctf {
            let standing = try await CTFActions.standing(eventID, on: db)
            let list = try await CTFChallenge.query(on: db).filter(\.$event.$id == eventID).sort(\.$points).all()
            let hints = list.isEmpty ? [] : try await CTFHint.query(on: db).filter(\.$challenge.$id ~~ list.compactMap(\.id)).values(\.$challenge.$id)
            challenges = try list.map { c in
                let id = try c.requireID()
                return Challenge(title: c.title, category: c.category, points: c.points, hints: hints.filter { $0 == id }.count,
                                 solves: standing.solveCounts[id.uuidString] ?? 0)
            }
        }
        return ChapterEventAdminPage(chapter: (chapter.community.name, chapter.community.slug), event: try EventSummary(event, slug: chapter.community.slug),
                                     capacity: event.capacity, registrants: registrants, erased: rows.count - registrants.count,
                                     challenges: challenges, started: event.startsAt <= now)
    }
}
