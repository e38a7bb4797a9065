import Fluent
import Foundation
import Plot
import ShieldwallCore
import SQLKit
import Vapor

/// Notification e-mail: one at a time ("e-mail at once") or as a daily or weekly digest, plain text and
/// HTML, with a one-click unsubscribe link (RFC 8058 headers too). Every mail is worded at send time
/// through the recipient's current `ConversationScope`, so it never carries what they may no longer see.
enum NotificationMail {
    static func unsubscribeURL(_ token: String, base: String) -> String { base + SiteURL.unsubscribe(token).path }

    static func recipient(_ personID: UUID, on db: any Database) async throws -> (SignedIn, Person)? {
        guard let person = try await Person.find(personID, on: db), person.deactivatedAt == nil else { return nil }
        return (try SignedIn(person: person, organisation: nil, sessionID: nil, stage: .full), person)
    }

    static func sendOne(_ n: PersonNotification, ctx: ActionContext) async throws {
        guard let (signed, person) = try await recipient(n.$person.id, on: ctx.db) else { return }
        let scope = try await ConversationScope.of(signed, on: ctx.db)
        let localiser = ctx.services.catalogues.localiser(for: person.language)
        guard let item = try await NotificationFeed.words([n], scope: scope, subjects: ctx.services.links.notificationSubjects, localiser: localiser, on: ctx.db).first else { return }
        let setting = try await NotificationFeed.setting(for: n.$person.id, on: ctx.db, now: ctx.now)
        let message = compose(to: person.email, subject: item.text, items: [item], intro: nil, localiser: localiser,
                              base: ctx.services.configuration.baseURL, token: setting.unsubscribeToken)
        try await ctx.services.mailer.send(message, on: ctx.db)
        n.mailedAt = ctx.now
        try await n.update(on: ctx.db)
    }

    static func compose(to: String, subject: String, items: [NotificationFeed.Item], intro: String?, localiser: Localiser,
                        base: String, token: String) -> MailMessage {
        let unsubscribe = unsubscribeURL(token, base: base)
        var text = intro.map { $0 + "\n\n" } ?? ""
        for item in items { text += "- \(item.text)\n  \(base)\(item.path)\n" }
        text += "\n" + localiser.text("notification.mail.footer", ["settings": base + SiteURL.notificationSettings.path]) + "\n"
        text += localiser.text("notification.mail.unsubscribe") + " " + unsubscribe + "\n"
        let html = HTML(.body(
            .unwrap(intro) { .p(.text($0)) },
            .ul(.forEach(items) { item in .li(.a(.href(base + item.path), .text(item.text))) }),
            .p(.text(localiser.text("notification.mail.footer", ["settings": base + SiteURL.notificationSettings.path]))),
            .p(.a(.href(unsubscribe), .text(localiser.text("notification.mail.unsubscribe"))))
        )).render()
        return MailMessage(to: to, subject: subject, body: text, html: html,
                           headers: ["List-Unsubscribe": "<\(unsubscribe)>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"])
    }
}

/// Daily and weekly digests. Each person's digest is claimed with one conditional UPDATE … RETURNING
/// (the claim moves `last_digest_at` on only if it is still due), so when several instances run the job
/// at once exactly one of them sends each digest.
enum DigestJob {
    struct Outcome: Sendable, Equatable { var sent = 0; var empty = 0; var skipped = 0 }

    static func run(_ ctx: ActionContext) async throws -> Outcome {
        var outcome = Outcome()
        let settings = try await NotificationSetting.query(on: ctx.db)
            .filter(\.$delivery ~~ [NotificationDelivery.daily, NotificationDelivery.weekly]).all()
        for setting in settings {
            guard let interval = setting.delivery.digestInterval else { continue }
            let last = setting.lastDigestAt ?? setting.updatedAt
            guard last.addingTimeInterval(interval) <= ctx.now else { continue }
            guard try await claim(setting, interval: interval, ctx: ctx) else { outcome.skipped += 1; continue }
            if try await send(setting, ctx: ctx) { outcome.sent += 1 } else { outcome.empty += 1 }
        }
        return outcome
    }

    static func claim(_ setting: NotificationSetting, interval: TimeInterval, ctx: ActionContext) async throws -> Bool {
        guard let sql = ctx.db as? any SQLDatabase else { return false }
        let cutoff = ctx.now.addingTimeInterval(-interval)
        let rows = try await sql.raw("""
            UPDATE notification_settings SET last_digest_at = \(bind: ctx.now)
            WHERE id = \(bind: try setting.requireID()) AND delivery = \(bind: setting.delivery)
            AND ((last_digest_at IS NULL AND updated_at <= \(bind: cutoff)) OR last_digest_at <= \(bind: cutoff))
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Sends what the person has not read or been mailed, as they may see it now. `false` when there was nothing.
    static func send(_ setting: NotificationSetting, ctx: ActionContext) async throws -> Bool {
        guard let (signed, person) = try await NotificationMail.recipient(setting.$person.id, on: ctx.db) else { return false }
        let scope = try await ConversationScope.of(signed, on: ctx.db)
        let localiser = ctx.services.catalogues.localiser(for: person.language)
        var items = try await NotificationFeed.items(for: signed.personID, scope: scope, subjects: ctx.services.links.notificationSubjects,
                                                     localiser: localiser, unmailedOnly: true,
                                                     limit: 50, on: ctx.db)
        let notificationIDs = items.map(\.id)
        for section in ctx.services.links.digestSections {
            items += try await section.items(for: person, localiser: localiser, now: ctx.now, on: ctx.db)
        }
        guard !items.isEmpty else { return false }
        let key = setting.delivery == .weekly ? "notification.digest.weekly" : "notification.digest.daily"
        let message = NotificationMail.compose(to: person.email, subject: localiser.text(key, ["count": String(items.count)]), items: items,
                                               intro: localiser.text("notification.digest.intro", ["name": person.displayName]),
                                               localiser: localiser, base: ctx.services.configuration.baseURL, token: setting.unsubscribeToken)
        try await ctx.services.mailer.send(message, on: ctx.db)
        if !notificationIDs.isEmpty {
            try await PersonNotification.query(on: ctx.db).filter(\.$id ~~ notificationIDs).set(\.$mailedAt, to: ctx.now).update()
        }
        return true
    }
}
