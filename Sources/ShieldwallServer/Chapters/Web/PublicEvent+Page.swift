import Fluent
import Foundation
import ShieldwallCore

/// `/chapters/SLUG/events/ID`: one public event, and the form to register for it while it is ahead.
struct PublicEventPage: Sendable {
    let chapter: (name: String, slug: String)
    let summary: PublicEventSummary
    let description: String
    let open: Bool
    let isOrganiser: Bool
    var form = RegistrationActions.Form()
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, _ event: CommunityEvent, _ listing: PublicEvent, on db: any Database, now: Date) async throws -> PublicEventPage {
        let summary = try await PublicEventSummary.build([(event, listing)], slug: chapter.community.slug, on: db)
        return PublicEventPage(chapter: (chapter.community.name, chapter.community.slug), summary: summary[0], description: event.description,
                               open: !event.cancelled && event.endsAt > now && chapter.published, isOrganiser: chapter.isOrganiser)
    }
}
