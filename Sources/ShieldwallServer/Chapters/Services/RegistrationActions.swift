import Fluent
import Foundation
import ShieldwallCore
import SQLKit
import Vapor

/// Visitors' registrations for a chapter's public events: register (pending), confirm from the mail (double opt-in),
/// seats and the waiting list (`Seats`), cancel (the first waiting gets the seat and a mail), the reminder a day
/// before, and removing visitors' personal data after the event (`VisitorRules`).
enum RegistrationActions {
    struct Form: Content, Sendable {
        var name: String?
        var email: String?
        var handle: String?
        var keep_in_touch: String?
    }

    static let handleCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_. "))

    /// Registers a visitor and mails them the link that confirms it; nothing counts until they open it.
    /// `language`: the page's, for the visitor's mails.
    static func register(_ form: Form, for event: CommunityEvent, in chapter: Community, language: String = CatalogueSet.baseLanguage,
                         ctx: ActionContext) async throws {
        var problems = ProblemList()
        let name = problems.text("name", form.name, maxLength: 100)
        var email: EmailAddress?
        do { email = try EmailAddress(form.email ?? "") } catch { problems.add("email", "error.email") }
        var handle: String?
        if event.kind == .ctf {
            let typed = problems.text("handle", form.handle, maxLength: 30)
            if !typed.isEmpty, typed.unicodeScalars.contains(where: { !handleCharacters.contains($0) }) { problems.add("handle", "chapters.error.handle") }
            handle = typed
        }
        try problems.throwIfAny()
        guard let email else { return }
        let chosenHandle = handle
        guard !event.cancelled else { throw ValidationFailure(field: "name", key: "error.event-cancelled") }
        guard event.endsAt > ctx.now else { throw ValidationFailure(field: "name", key: "error.event-past") }
        let eventID = try event.requireID()
        let fromAddress = try await EventRegistration.query(on: ctx.db).filter(\.$address == ctx.address)
            .filter(\.$registeredAt > ctx.now.addingTimeInterval(-86_400)).all()
        if let limit = VisitorRules.exceeded(fromAddress: fromAddress.map(\.registeredAt),
                                             forEvent: fromAddress.filter { $0.$event.id == eventID }.map(\.registeredAt), now: ctx.now) {
            try await AuditLog.record(.registrationThrottled, personID: nil, email: email.normalised, organisationID: nil,
                                      detail: "\(limit.rawValue) event=\(eventID)", address: ctx.address, at: ctx.now, on: ctx.db)
            throw Refusal(.tooManyRequests, "chapters.error.too-many-registrations", headers: ["Retry-After": "3600"])
        }
        let token = SecretToken.generate()
        let registration = EventRegistration(eventID: eventID, name: name, email: email.normalised, address: ctx.address,
                                             tokenDigest: token.digest, handle: chosenHandle, keepInTouch: form.keep_in_touch != nil, at: ctx.now,
                                             language: ctx.services.catalogues.supports(language) ? language : CatalogueSet.baseLanguage)
        try await ctx.db.transaction { tx in
            if try await live(eventID, email: email.normalised, on: tx) { throw ValidationFailure(field: "email", key: "chapters.error.already-registered") }
            if let chosenHandle, try await handleTaken(chosenHandle, event: eventID, on: tx) { throw ValidationFailure(field: "handle", key: "chapters.error.handle-taken") }
            do { try await registration.create(on: tx) } catch let error as any DatabaseError where error.isConstraintFailure {
                throw ValidationFailure(field: "email", key: "chapters.error.already-registered")
            }
        }
        let l = ctx.services.catalogues.localiser(for: language)
        let link = ctx.services.configuration.baseURL + SiteURL.registrationConfirm(token.value).path
        _ = await ctx.mailAfterSaving([MailMessage(to: email.normalised, subject: l.text("mail.registration-confirm.subject", ["event": event.title]),
                                                   body: l.text("mail.registration-confirm.body", ["name": name, "event": event.title, "chapter": chapter.name,
                                                                                                    "link": link, "hours": String(VisitorRules.confirmWithinHours)]))])
    }

    private static func live(_ eventID: UUID, email: String, on db: any Database) async throws -> Bool {
        try await EventRegistration.query(on: db).filter(\.$event.$id == eventID).filter(\.$email == email)
            .filter(\.$status != .cancelled).first() != nil
    }

    private static func handleTaken(_ handle: String, event eventID: UUID, on db: any Database) async throws -> Bool {
        let lower = handle.lowercased()
        let players = try await CTFPlayer.query(on: db).filter(\.$event.$id == eventID).values(\.$handle)
        let pending = try await EventRegistration.query(on: db).filter(\.$event.$id == eventID).filter(\.$status != .cancelled).values(\.$handle)
        return (players + pending.compactMap { $0 }).contains { $0.lowercased() == lower }
    }

    enum Opened: Sendable { case confirmed, already, expired, cancelled }

    /// The visitor opened their link. A pending registration is confirmed (a capture-the-flag's player is made);
    /// one older than `VisitorRules.confirmWithinHours` has expired and is removed.
    static func open(_ registration: EventRegistration, ctx: ActionContext) async throws -> Opened {
        switch registration.status {
        case .cancelled: return .cancelled
        case .confirmed: return .already
        case .pending:
            if VisitorRules.unconfirmedExpired(registeredAt: registration.registeredAt, now: ctx.now) {
                try await registration.delete(on: ctx.db)
                return .expired
            }
        }
        let event = registration.event
        try await ctx.db.transaction { tx in
            registration.status = .confirmed
            registration.confirmedAt = ctx.now
            try await registration.update(on: tx)
            if event.kind == .ctf, let handle = registration.handle {
                try await CTFPlayer(eventID: try event.requireID(), handle: handle, registrationID: try registration.requireID(), personID: nil,
                                    joinedAt: ctx.now).create(on: tx)
            }
        }
        return .confirmed
    }

    /// Confirmed registrations of an event in the order they take seats.
    static func confirmed(_ eventID: UUID, on db: any Database) async throws -> [EventRegistration] {
        try await EventRegistration.query(on: db).filter(\.$event.$id == eventID).filter(\.$status == .confirmed).all()
            .sorted { ($0.confirmedAt ?? .distantPast, $0.registeredAt, $0.id?.uuidString ?? "") < ($1.confirmedAt ?? .distantPast, $1.registeredAt, $1.id?.uuidString ?? "") }
    }

    static func places(_ event: CommunityEvent, on db: any Database) async throws -> [String: Seats.Place] {
        Seats.places(capacity: event.capacity, confirmed: try await confirmed(try event.requireID(), on: db).compactMap { $0.id?.uuidString })
    }

    /// Cancels from the visitor's link; whoever this frees a seat for hears of it by mail.
    static func cancel(_ registration: EventRegistration, ctx: ActionContext) async throws {
        guard registration.status != .cancelled else { return }
        let event = registration.event
        let before = try await places(event, on: ctx.db)
        registration.status = .cancelled
        registration.cancelledAt = ctx.now
        try await registration.update(on: ctx.db)
        let promoted = Seats.promoted(before: before, after: try await places(event, on: ctx.db))
        guard !promoted.isEmpty else { return }
        let rows = try await EventRegistration.query(on: ctx.db).filter(\.$id ~~ promoted.compactMap { UUID(uuidString: $0) }).all()
        var mails: [MailMessage] = []
        for row in rows {
            guard let email = row.email else { continue }
            let l = ctx.services.catalogues.localiser(for: row.language)
            let token = SecretToken.generate()
            row.laterTokenDigest = token.digest
            try await row.update(on: ctx.db)
            mails.append(MailMessage(to: email, subject: l.text("mail.registration-promoted.subject", ["event": event.title]),
                                     body: l.text("mail.registration-promoted.body", [
                                        "name": row.name ?? "", "event": event.title,
                                        "link": ctx.services.configuration.baseURL + SiteURL.registration(token.value).path])))
        }
        _ = await ctx.mailAfterSaving(mails)
    }

    static func chapterSlug(_ event: CommunityEvent, on db: any Database) async throws -> String {
        try await Community.find(event.$community.id, on: db)?.slug ?? ""
    }

    /// Tells confirmed visitors with a seat, once, that their event starts within a day. Several instances may run
    /// it at once: each registration is claimed by a single conditional update before its mail goes.
    @discardableResult
    static func remind(_ ctx: ActionContext) async throws -> Int {
        let events = try await CommunityEvent.query(on: ctx.db).join(PublicEvent.self, on: \CommunityEvent.$id == \PublicEvent.$event.$id)
            .filter(\.$cancelled == false).filter(\.$startsAt > ctx.now).filter(\.$startsAt <= ctx.now.addingTimeInterval(VisitorRules.remindAhead)).all()
        guard let sql = ctx.db as? any SQLDatabase else { return 0 }
        var mails: [MailMessage] = []
        for event in events {
            let places = try await places(event, on: ctx.db)
            let slug = try await chapterSlug(event, on: ctx.db)
            for registration in try await confirmed(try event.requireID(), on: ctx.db) where registration.remindedAt == nil {
                guard let id = registration.id, places[id.uuidString] == .seat, let email = registration.email else { continue }
                let token = SecretToken.generate()
                let claimed = try await sql.update(EventRegistration.schema).set("reminded_at", to: SQLBind(ctx.now))
                    .set("later_token_digest", to: SQLBind(token.digest))
                    .where("id", .equal, SQLBind(id)).where("reminded_at", .is, SQLLiteral.null).returning("id").all()
                guard !claimed.isEmpty else { continue }
                let l = ctx.services.catalogues.localiser(for: registration.language)
                mails.append(MailMessage(to: email, subject: l.text("mail.registration-reminder.subject", ["event": event.title]),
                                         body: l.text("mail.registration-reminder.body", [
                                            "name": registration.name ?? "", "event": event.title, "location": event.location,
                                            "starts": try EventSummary(event, slug: slug).localTime,
                                            "link": ctx.services.configuration.baseURL + SiteURL.registration(token.value).path])))
            }
        }
        _ = await ctx.mailAfterSaving(mails)
        return mails.count
    }

    /// Removes what the instance keeps about visitors: unconfirmed registrations after `confirmWithinHours`, and
    /// name, e-mail, address and link `retentionDays` after the event — keeping, for those who asked, a contact to
    /// hear of future events. Counts, attendance and scoreboard handles stay.
    @discardableResult
    static func eraseVisitorsData(_ ctx: ActionContext) async throws -> Int {
        let stale = ctx.now.addingTimeInterval(-Double(VisitorRules.confirmWithinHours) * 3600)
        try await EventRegistration.query(on: ctx.db).filter(\.$status == .pending).filter(\.$registeredAt < stale).delete()
        let ended = ctx.now.addingTimeInterval(-Double(VisitorRules.retentionDays) * 86_400)
        let due = try await EventRegistration.query(on: ctx.db).join(CommunityEvent.self, on: \EventRegistration.$event.$id == \CommunityEvent.$id)
            .filter(CommunityEvent.self, \.$endsAt <= ended).filter(\.$erasedAt == nil).all()
        for registration in due {
            let communityID = try registration.joined(CommunityEvent.self).$community.id
            try await ctx.db.transaction { tx in
                if registration.keepInTouch, registration.status == .confirmed, let email = registration.email,
                   try await ChapterContact.query(on: tx).filter(\.$community.$id == communityID).filter(\.$email == email).first() == nil {
                    try await ChapterContact(communityID: communityID, name: registration.name ?? "", email: email,
                                             unsubscribeToken: SecretToken.generate().value, createdAt: ctx.now,
                                             language: registration.language).create(on: tx)
                }
                registration.name = nil
                registration.email = nil
                registration.address = nil
                registration.tokenDigest = nil
                registration.laterTokenDigest = nil
                registration.erasedAt = ctx.now
                try await registration.update(on: tx)
            }
        }
        return due.count
    }
}
