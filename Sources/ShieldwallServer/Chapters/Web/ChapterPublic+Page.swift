import Fluent
import Foundation
import ShieldwallCore

/// A public event as the chapter's page and its own page show it.
struct PublicEventSummary: Sendable {
    let event: EventSummary
    let chapterSlug: String
    let host: String?
    let materials: String
    let capacity: Int?
    let seated: Int
    let waiting: Int

    var path: String { SiteURL.chapterEvent(chapterSlug, event.id).path }
    var free: Int? { Seats.free(capacity: capacity, confirmed: seated + waiting) }
    var isCTF: Bool { event.kind == .ctf }

    /// Seat counts for several events in one query.
    static func build(_ items: [(CommunityEvent, PublicEvent)], slug: String, on db: any Database) async throws -> [PublicEventSummary] {
        let ids = try items.map { try $0.0.requireID() }
        let confirmed = ids.isEmpty ? [] : try await EventRegistration.query(on: db).filter(\.$event.$id ~~ ids).filter(\.$status == .confirmed).values(\.$event.$id)
        let counts = Dictionary(confirmed.map { ($0, 1) }, uniquingKeysWith: +)
        return try items.map { event, listing in
            let total = counts[try event.requireID()] ?? 0
            let seated = event.capacity.map { min($0, total) } ?? total
            return PublicEventSummary(event: try EventSummary(event, slug: slug), chapterSlug: slug, host: listing.$host.value??.name,
                                      materials: listing.materials, capacity: event.capacity, seated: seated, waiting: total - seated)
        }
    }
}

/// `/chapters/SLUG`: what the chapter is, its coming public events and its past ones with their materials.
struct ChapterPublicPage: Sendable {
    let name: String
    let slug: String
    let about: String
    let published: Bool
    let isOrganiser: Bool
    let coming: [PublicEventSummary]
    let past: [PublicEventSummary]

    static func build(_ chapter: ChapterScope.Chapter, on db: any Database, now: Date) async throws -> ChapterPublicPage {
        let events = try await ChapterScope.publicEvents(of: chapter.id, on: db).filter { !$0.0.cancelled }
        let all = try await PublicEventSummary.build(events, slug: chapter.community.slug, on: db)
        return ChapterPublicPage(name: chapter.community.name, slug: chapter.community.slug, about: chapter.page?.about ?? "",
                                 published: chapter.published, isOrganiser: chapter.isOrganiser,
                                 coming: all.filter { $0.event.endsAt > now }, past: Array(all.filter { $0.event.endsAt <= now }.reversed().prefix(20)))
    }
}
