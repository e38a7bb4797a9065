import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Makes notifications (inside the action's transaction) and mails the "at once" ones after it.
/// Recipients are always people of the thread's community; what a notification says is read through
/// the recipient's own `ConversationScope` when shown or mailed (`NotificationFeed`).
enum Notifier {
    struct Pending: Sendable {
        let personID: UUID
        let notificationID: UUID
    }

    /// `urgent` ones reach people who switched notifications off too.
    static func notify(_ people: [UUID], kind: NotificationKind, community: UUID, thread: UUID?, event: UUID? = nil, subject: UUID? = nil,
                       actor: UUID?, urgent: Bool = false, on db: any Database, now: Date) async throws -> [Pending] {
        guard !people.isEmpty else { return [] }
        let off = urgent ? [] : Set(try await NotificationSetting.query(on: db).filter(\.$person.$id ~~ people)
            .filter(\.$delivery == NotificationDelivery.none).values(\.$person.$id))
        var out: [Pending] = []
        for person in Set(people).subtracting(off).sorted(by: { $0.uuidString < $1.uuidString }) {
            let n = PersonNotification(personID: person, communityID: community, kind: kind, threadID: thread, eventID: event, actorID: actor, at: now)
            n.subjectID = subject
            try await n.create(on: db)
            out.append(Pending(personID: person, notificationID: try n.requireID()))
        }
        return out
    }

    /// `@handle` in a text → the community's participants with that handle (never the writer, never `except`).
    static func mentions(in text: String, community: UUID, thread: UUID, by author: UUID, except: Set<UUID> = [],
                         on db: any Database, now: Date) async throws -> [Pending] {
        let handles = Set(Mentions.handles(in: text))
        guard !handles.isEmpty else { return [] }
        let participants = try await CommunityStandings.participantIDs(of: community, on: db).subtracting(except).subtracting([author])
        guard !participants.isEmpty else { return [] }
        let named = try await Person.query(on: db).filter(\.$id ~~ Array(participants)).all()
            .filter { handles.contains(Mentions.handle(for: $0.displayName)) }.compactMap(\.id)
        return try await notify(named, kind: .mention, community: community, thread: thread, actor: author, on: db, now: now)
    }

    /// A new question: the community's experts and facilitator hear of it.
    static func experts(of community: UUID, thread: UUID, by author: UUID, except: Set<UUID>, on db: any Database, now: Date) async throws -> [Pending] {
        let people = try await CommunityPerson.query(on: db).filter(\.$community.$id == community)
            .filter(\.$status == ParticipationStatus.active).values(\.$person.$id)
        let recipients = Set(people).subtracting(except).subtracting([author])
        return try await notify(Array(recipients), kind: .newQuestion, community: community, thread: thread, actor: author, on: db, now: now)
    }

    /// A post was reported: the community's facilitator hears of it.
    static func facilitators(of community: UUID, thread: UUID, by reporter: UUID, on db: any Database, now: Date) async throws -> [Pending] {
        let people = try await CommunityPerson.query(on: db).filter(\.$community.$id == community)
            .filter(\.$role == CommunityRole.facilitator).filter(\.$status == ParticipationStatus.active).values(\.$person.$id)
        return try await notify(people.filter { $0 != reporter }, kind: .flagged, community: community, thread: thread, actor: reporter, on: db, now: now)
    }

    /// Everyone taking part hears of a new Ask-Me-Anything.
    static func newAMA(_ event: CommunityEvent, by author: UUID, on db: any Database, now: Date) async throws -> [Pending] {
        let people = try await CommunityStandings.participantIDs(of: event.$community.id, on: db).subtracting([author])
        return try await notify(Array(people), kind: .newAMA, community: event.$community.id, thread: nil, event: try event.requireID(),
                                actor: author, on: db, now: now)
    }

    /// Sends the "e-mail at once" notifications (`urgent`: all of them); a mail failure is logged and leaves the
    /// notification in the app.
    static func mailNow(_ pending: [Pending], urgent: Bool = false, ctx: ActionContext) async {
        guard !pending.isEmpty else { return }
        do {
            let people = Set(pending.map(\.personID))
            let now = urgent ? people : Set(try await NotificationSetting.query(on: ctx.db).filter(\.$person.$id ~~ Array(people))
                .filter(\.$delivery == NotificationDelivery.emailNow).values(\.$person.$id))
            for item in pending where now.contains(item.personID) {
                guard let n = try await PersonNotification.find(item.notificationID, on: ctx.db) else { continue }
                try await NotificationMail.sendOne(n, ctx: ctx)
            }
        } catch {
            Logger(label: "shieldwall.notifications").error("mailing notifications failed: \(String(describing: error))")
        }
    }
}

/// The calendar's news as notifications (Communities asks through `CommunityEventNotices`), and news of what
/// other parts keep (`PeopleNotices`).
struct ConversationNotices: CommunityEventNotices, PeopleNotices {
    func tell(_ people: [UUID], kind: NotificationKind, community: UUID, subject: UUID, actor: UUID?, urgent: Bool,
              on db: any Database, now: Date) async throws -> NoticeMail {
        let pending = try await Notifier.notify(people, kind: kind, community: community, thread: nil, subject: subject, actor: actor,
                                                urgent: urgent, on: db, now: now)
        return NoticeMail { ctx in await Notifier.mailNow(pending, urgent: urgent, ctx: ctx) }
    }

    func tellOfReport(_ people: [UUID], advisory: Bool, community: UUID, subject: UUID, actor: UUID?,
                      on db: any Database, now: Date) async throws -> NoticeMail {
        guard !people.isEmpty else { return .none }
        var wanted = Set(people)
        for setting in try await NotificationSetting.query(on: db).filter(\.$person.$id ~~ people).all() where !setting.reports.wants(advisory: advisory) {
            wanted.remove(setting.$person.id)
        }
        return try await tell(Array(wanted), kind: .newReport, community: community, subject: subject, actor: actor, urgent: false, on: db, now: now)
    }

    func read(subject: UUID, by person: UUID, on db: any Database, now: Date) async throws {
        try await PersonNotification.query(on: db).filter(\.$person.$id == person).filter(\.$subjectID == subject).filter(\.$readAt == nil)
            .set(\.$readAt, to: now).update()
    }

    func announceAMA(_ event: CommunityEvent, by author: UUID, on db: any Database, now: Date) async throws -> NoticeMail {
        let pending = try await Notifier.newAMA(event, by: author, on: db, now: now)
        return NoticeMail { ctx in await Notifier.mailNow(pending, ctx: ctx) }
    }
}
