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
        guard let item = try await NotificationFeed.words([n], person: signed, scope: scope, subjects: ctx.services.links.notificationSubjects, localiser: localiser, on: ctx.db).first else { return }
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

/// Daily and weekly digests, each sent at least once and never twice for the same period, whatever stops the
/// process. A digest is claimed with one conditional UPDATE … RETURNING that sets `digest_claimed_at` only if the
/// digest is due and nobody holds a fresh claim, so when several instances run the job at once exactly one sends
/// it. Once sent, `last_digest_at` moves on and the claim is cleared in one statement. A process that dies (or a
/// mail command that fails) between the claim and that statement leaves a claim that lapses after `lease`, and
/// the next run sends the digest. (Only a death in the instant between the mail command taking the message and
/// that statement sends it twice; the outbox mailer writes both in one transaction.)
enum DigestJob {
    struct Outcome: Sendable, Equatable { var sent = 0; var empty = 0; var skipped = 0 }

    /// Shorter than the jobs' 10-minute round, longer than any send (the mail command stops at 60 s).
    static let lease: TimeInterval = 5 * 60

    static func run(_ ctx: ActionContext) async throws -> Outcome {
        var outcome = Outcome()
        let settings = try await NotificationSetting.query(on: ctx.db)
            .filter(\.$delivery ~~ [NotificationDelivery.daily, NotificationDelivery.weekly]).all()
        for setting in settings {
            guard let interval = setting.delivery.digestInterval else { continue }
            let last = setting.lastDigestAt ?? setting.updatedAt
            guard last.addingTimeInterval(interval) <= ctx.now else { continue }
            guard try await claim(setting, interval: interval, ctx: ctx) else { outcome.skipped += 1; continue }
            CrashPoint.pass("digest-claimed")
            do {
                if try await send(setting, ctx: ctx) { outcome.sent += 1 } else { outcome.empty += 1 }
            } catch {
                try await release(setting, ctx: ctx)
                throw error
            }
        }
        return outcome
    }

    static func claim(_ setting: NotificationSetting, interval: TimeInterval, ctx: ActionContext) async throws -> Bool {
        guard let sql = ctx.db as? any SQLDatabase else { return false }
        let cutoff = ctx.now.addingTimeInterval(-interval)
        let rows = try await sql.raw("""
            UPDATE notification_settings SET digest_claimed_at = \(bind: ctx.now)
            WHERE id = \(bind: try setting.requireID()) AND delivery = \(bind: setting.delivery)
            AND ((last_digest_at IS NULL AND updated_at <= \(bind: cutoff)) OR last_digest_at <= \(bind: cutoff))
            AND (digest_claimed_at IS NULL OR digest_claimed_at <= \(bind: ctx.now.addingTimeInterval(-lease)))
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Gives the claim back after a failed send, so the next run tries again at once.
    static func release(_ setting: NotificationSetting, ctx: ActionContext) async throws {
        try await NotificationSetting.query(on: ctx.db).filter(\.$id == setting.requireID()).set(\.$digestClaimedAt, to: nil).update()
    }

    /// Sends what the person has not read or been mailed, as they may see it now, and marks the digest done.
    /// `false` when there was nothing to send (the period is done all the same).
    static func send(_ setting: NotificationSetting, ctx: ActionContext) async throws -> Bool {
        let settingID = try setting.requireID()
        guard let (signed, person) = try await NotificationMail.recipient(setting.$person.id, on: ctx.db) else {
            try await done(settingID, mailed: [], ctx: ctx, on: ctx.db)
            return false
        }
        let scope = try await ConversationScope.of(signed, on: ctx.db)
        let localiser = ctx.services.catalogues.localiser(for: person.language)
        var items = try await NotificationFeed.items(for: signed, scope: scope, subjects: ctx.services.links.notificationSubjects,
                                                     localiser: localiser, unmailedOnly: true,
                                                     limit: 50, on: ctx.db)
        let mailed = items.map(\.id)
        for section in ctx.services.links.digestSections {
            items += try await section.items(for: person, localiser: localiser, now: ctx.now, on: ctx.db)
        }
        guard !items.isEmpty else {
            try await done(settingID, mailed: [], ctx: ctx, on: ctx.db)
            return false
        }
        let key = setting.delivery == .weekly ? "notification.digest.weekly" : "notification.digest.daily"
        let message = NotificationMail.compose(to: person.email, subject: localiser.text(key, ["count": String(items.count)]), items: items,
                                               intro: localiser.text("notification.digest.intro", ["name": person.displayName]),
                                               localiser: localiser, base: ctx.services.configuration.baseURL, token: setting.unsubscribeToken)
        if ctx.services.mailer.delivers {
            try await ctx.services.mailer.send(message, on: ctx.db)
            try await ctx.db.transaction { tx in try await done(settingID, mailed: mailed, ctx: ctx, on: tx) }
        } else {
            try await ctx.db.transaction { tx in try await done(settingID, mailed: mailed, message: message, ctx: ctx, on: tx) }
        }
        return true
    }

    /// The digest is done and its notifications mailed, in one transaction with the message when the outbox keeps it.
    private static func done(_ settingID: UUID, mailed: [UUID], message: MailMessage? = nil, ctx: ActionContext, on tx: any Database) async throws {
        if let message { try await ctx.services.mailer.send(message, on: tx) }
        try await NotificationSetting.query(on: tx).filter(\.$id == settingID)
            .set(\.$lastDigestAt, to: ctx.now).set(\.$digestClaimedAt, to: nil).update()
        if !mailed.isEmpty {
            try await PersonNotification.query(on: tx).filter(\.$id ~~ mailed).set(\.$mailedAt, to: ctx.now).update()
        }
    }
}
