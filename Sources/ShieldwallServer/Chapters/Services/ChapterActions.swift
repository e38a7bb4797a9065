import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What a chapter's facilitator does with its public side: the page's text and whether it is published, which events
/// are public (with the firm that leads an employer-led session and the materials afterwards), and attendance.
enum ChapterActions {
    struct PageForm: Content, Sendable {
        var about: String?
        var published: String?
    }

    struct ListingForm: Content, Sendable {
        var event: String?
        /// "public" or "private".
        var listing: String?
        var host: String?
        var materials: String?
    }

    static func savePage(_ form: PageForm, chapter: ChapterScope.Chapter, ctx: ActionContext) async throws {
        let about = (form.about ?? "").trimmingWhitespace()
        if about.count > 10_000 { throw ValidationFailure(field: "about", key: "error.too-long", values: ["max": "10000"]) }
        let published = form.published != nil
        if published && about.isEmpty { throw ValidationFailure(field: "about", key: "chapters.error.about-needed") }
        if let page = chapter.page {
            page.about = about
            page.published = published
            page.updatedAt = ctx.now
            try await page.update(on: ctx.db)
        } else {
            try await ChapterPage(communityID: chapter.id, published: published, about: about, updatedAt: ctx.now).create(on: ctx.db)
        }
    }

    /// Makes an event public or private again, or changes its host and materials. Making it public tells those who
    /// asked to hear of the chapter's events.
    static func list(_ form: ListingForm, chapter: ChapterScope.Chapter, ctx: ActionContext) async throws {
        guard let eventID = form.event.flatMap({ UUID(uuidString: $0) }),
              let event = try await CommunityEvent.query(on: ctx.db).filter(\.$id == eventID).filter(\.$community.$id == chapter.id).first()
        else { throw ValidationFailure(field: "event", key: "chapters.error.event-not-found") }
        let existing = try await PublicEvent.query(on: ctx.db).filter(\.$event.$id == eventID).first()
        if form.listing == "private" {
            if let existing {
                guard try await EventRegistration.query(on: ctx.db).filter(\.$event.$id == eventID).filter(\.$status != .cancelled).first() == nil else {
                    throw ValidationFailure(field: "listing", key: "chapters.error.has-registrations")
                }
                try await existing.delete(on: ctx.db)
            }
            return
        }
        guard form.listing == "public" else { throw ValidationFailure(field: "listing", key: "chapters.error.listing") }
        let materials = (form.materials ?? "").trimmingWhitespace()
        if materials.count > 10_000 { throw ValidationFailure(field: "materials", key: "error.too-long", values: ["max": "10000"]) }
        var hostID: UUID?
        if let raw = form.host?.trimmingWhitespace(), !raw.isEmpty {
            guard let id = UUID(uuidString: raw), try await CommunityOrganisation.query(on: ctx.db).filter(\.$community.$id == chapter.id)
                .filter(\.$organisation.$id == id).filter(\.$status == .active).first() != nil
            else { throw ValidationFailure(field: "host", key: "chapters.error.host") }
            hostID = id
        }
        if let existing {
            existing.$host.id = hostID
            existing.materials = materials
            try await existing.update(on: ctx.db)
            return
        }
        guard !event.cancelled, event.endsAt > ctx.now else { throw ValidationFailure(field: "event", key: "error.event-past") }
        try await PublicEvent(eventID: eventID, communityID: chapter.id, hostID: hostID, materials: materials, publishedAt: ctx.now).create(on: ctx.db)
        guard chapter.published else { return }
        let contacts = try await ChapterContact.query(on: ctx.db).filter(\.$community.$id == chapter.id).all()
        let base = ctx.services.configuration.baseURL
        let when = try EventSummary(event, slug: chapter.community.slug).localTime
        _ = await ctx.mailAfterSaving(contacts.map { contact in
            let l = ctx.services.catalogues.localiser(for: contact.language)
            let unsubscribe = base + SiteURL.chapterUnsubscribe(contact.unsubscribeToken).path
            return MailMessage(to: contact.email, subject: l.text("mail.chapter-event.subject", ["chapter": chapter.community.name, "event": event.title]),
                               body: l.text("mail.chapter-event.body", ["name": contact.name, "chapter": chapter.community.name, "event": event.title,
                                                                        "when": when, "link": base + SiteURL.chapterEvent(chapter.community.slug, eventID).path,
                                                                        "unsubscribe": unsubscribe]),
                               headers: ["List-Unsubscribe": "<\(unsubscribe)>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"])
        })
    }

    /// Who came: the ids of confirmed registrations that attended; every other confirmed one did not.
    static func attendance(_ attended: Set<UUID>, event: CommunityEvent, ctx: ActionContext) async throws {
        guard event.startsAt <= ctx.now else { throw ValidationFailure(field: "attended", key: "chapters.error.attendance-early") }
        let rows = try await RegistrationActions.confirmed(try event.requireID(), on: ctx.db)
        try await ctx.db.transaction { tx in
            for row in rows {
                row.attended = attended.contains(try row.requireID())
                try await row.update(on: tx)
            }
        }
    }

    /// The contact behind an unsubscribe link.
    static func contact(token: String, on db: any Database) async throws -> ChapterContact? {
        guard token.count >= 20, token.count < 100 else { return nil }
        return try await ChapterContact.query(on: db).filter(\.$unsubscribeToken == token).first()
    }
}
