import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShieldwallCore
import Vapor

/// A person's notifications as they may read them today: only those of communities in their
/// `ConversationScope`, each worded from the thread or event it points to, read through that scope.
enum NotificationFeed {
    struct Item: Sendable {
        let id: UUID
        /// `nil` for what a digest adds besides notifications (overdue plan actions).
        let kind: NotificationKind?
        let text: String
        let path: String
        let createdAt: Date
        let read: Bool
        let communityID: UUID?
    }

    /// The person's notifications of the communities in their scope, and those about a subject another part
    /// keeps (a TLP:GREEN report reaches members of other communities too): that part words them, or leaves them out.
    static func query(for personID: UUID, scope: ConversationScope, on db: any Database) -> QueryBuilder<PersonNotification> {
        PersonNotification.query(on: db).filter(\.$person.$id == personID).group(.or) { either in
            either.filter(\.$community.$id ~~ scope.communityIDs).filter(\.$subjectID != nil)
        }
    }

    /// The words found for subjects within one request, by subject id (nil: left out), so that the bell's count and
    /// the bell's page ask each part about each subject once.
    final class Memo: Sendable {
        let words = NIOLockedValueBox<[UUID: (text: String, path: String)?]>([:])
    }

    /// How many unread notifications the bell reads in one query before it counts them apart.
    static let bellWindow = 200

    static func unreadCount(for person: SignedIn, scope: ConversationScope, subjects: [any NotificationSubjects], localiser: Localiser,
                            memo: Memo? = nil, on db: any Database) async throws -> Int {
        let unread = query(for: person.personID, scope: scope, on: db).filter(\.$readAt == nil)
        // One query on every page: the newest unread, both kinds. Only someone with more unread than that needs the
        // exact count and the newest hundred about a subject, asked apart.
        let newest = try await unread.copy().sort(\.$createdAt, .descending).limit(bellWindow).all()
        var plain = newest.count(where: { $0.subjectID == nil })
        var about = Array(newest.filter { $0.subjectID != nil }.prefix(100))
        if newest.count == bellWindow {
            plain = try await unread.copy().filter(\.$subjectID == nil).count()
            about = try await unread.copy().filter(\.$subjectID != nil).sort(\.$createdAt, .descending).limit(100).all()
        }
        // Those about a subject count only when its part still words them for this person (nothing else is read).
        guard !about.isEmpty else { return plain }
        let described = try await describeSubjects(about, person: person, scope: scope, subjects: subjects, localiser: localiser,
                                                   memo: memo, on: db)
        return plain + about.filter { $0.subjectID.map { described[$0] != nil } == true }.count
    }

    static func items(for person: SignedIn, scope: ConversationScope, subjects: [any NotificationSubjects], localiser: Localiser,
                      unmailedOnly: Bool = false, limit: Int = 100, memo: Memo? = nil, on db: any Database) async throws -> [Item] {
        var q = query(for: person.personID, scope: scope, on: db)
        if unmailedOnly { q = q.filter(\.$mailedAt == nil).filter(\.$readAt == nil) }
        let rows = try await q.sort(\.$createdAt, .descending).limit(limit).all()
        return try await words(rows, person: person, scope: scope, subjects: subjects, localiser: localiser, memo: memo, on: db)
    }

    /// The words of the rows about a subject, from the parts that keep them, by subject id; those left out are no
    /// longer the person's to read.
    static func describeSubjects(_ rows: [PersonNotification], person: SignedIn, scope: ConversationScope, subjects: [any NotificationSubjects],
                                 localiser: Localiser, memo: Memo? = nil, on db: any Database) async throws -> [UUID: (text: String, path: String)] {
        let known = memo?.words.withLockedValue { $0 } ?? [:]
        var described: [UUID: (text: String, path: String)] = known.compactMapValues { $0 }
        for source in subjects {
            let wanted = Set(rows.compactMap { n in n.subjectID.map { NotificationSubject(kind: n.kind, subject: $0, community: n.$community.id) } }
                .filter { source.kinds.contains($0.kind) && known[$0.subject] == nil })
            guard !wanted.isEmpty else { continue }
            let found = try await source.describe(Array(wanted), for: person, roles: scope.roles, localiser: localiser, on: db)
            described.merge(found) { a, _ in a }
            memo?.words.withLockedValue { words in for subject in wanted { words[subject.subject] = found[subject.subject] } }
        }
        return described
    }

    static func words(_ rows: [PersonNotification], person: SignedIn, scope: ConversationScope, subjects: [any NotificationSubjects],
                      localiser: Localiser, memo: Memo? = nil, on db: any Database) async throws -> [Item] {
        let described = try await describeSubjects(rows, person: person, scope: scope, subjects: subjects, localiser: localiser,
                                                   memo: memo, on: db)
        let threadIDs = Array(Set(rows.compactMap { $0.$thread.id }))
        let threads = threadIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await scope.threads(on: db)
            .filter(\.$id ~~ threadIDs).all().compactMap { t in t.id.map { ($0, t) } })
        let eventIDs = Array(Set(rows.compactMap { $0.$event.id }))
        let events = eventIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await CommunityEvent.query(on: db)
            .filter(\.$id ~~ eventIDs).filter(\.$community.$id ~~ scope.communityIDs).with(\.$community).all().compactMap { e in e.id.map { ($0, e) } })
        let actorIDs = Array(Set(rows.compactMap { $0.$actor.id }))
        let actors = actorIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Person.query(on: db).filter(\.$id ~~ actorIDs).all()
            .compactMap { p in p.id.map { ($0, p.displayName) } })
        return rows.compactMap { n in
            guard let id = n.id else { return nil }
            let kind = n.kind
            if let subject = n.subjectID {
                guard let words = described[subject] else { return nil }
                return Item(id: id, kind: kind, text: words.text, path: words.path, createdAt: n.createdAt, read: n.readAt != nil,
                            communityID: n.$community.id)
            }
            guard scope.roles[n.$community.id] != nil else { return nil }
            let actor = n.$actor.id.flatMap { actors[$0] } ?? localiser.text("notification.someone")
            if let threadID = n.$thread.id {
                guard let thread = threads[threadID] else { return nil }
                return Item(id: id, kind: kind, text: localiser.text("notification.kind.\(kind.rawValue)", ["actor": actor, "title": thread.title]),
                            path: SiteURL.thread(threadID).path, createdAt: n.createdAt, read: n.readAt != nil, communityID: n.$community.id)
            }
            if let eventID = n.$event.id {
                guard let event = events[eventID] else { return nil }
                return Item(id: id, kind: kind, text: localiser.text("notification.kind.\(kind.rawValue)", ["actor": actor, "title": event.title]),
                            path: SiteURL.communityEvent(event.community.slug, eventID).path, createdAt: n.createdAt, read: n.readAt != nil,
                            communityID: n.$community.id)
            }
            return nil
        }
    }

    static func markAllRead(for person: SignedIn, on db: any Database, now: Date) async throws {
        try await PersonNotification.query(on: db).filter(\.$person.$id == person.personID).filter(\.$readAt == nil)
            .set(\.$readAt, to: now).update()
    }

    /// The person's delivery setting, made on first use (with the token of their unsubscribe link).
    static func setting(for personID: UUID, on db: any Database, now: Date) async throws -> NotificationSetting {
        if let row = try await NotificationSetting.query(on: db).filter(\.$person.$id == personID).first() { return row }
        let row = NotificationSetting(personID: personID, delivery: .inApp, token: SecretToken.generate().value, at: now)
        try await row.create(on: db)
        return row
    }

    /// A new delivery setting (the first digest comes one interval after choosing it), and optionally which new
    /// threat reports the person hears of.
    static func choose(_ delivery: NotificationDelivery, reports: ReportNotices? = nil, for personID: UUID, on db: any Database, now: Date) async throws {
        let setting = try await setting(for: personID, on: db, now: now)
        if let reports { setting.reports = reports }
        if setting.delivery != delivery {
            setting.delivery = delivery
            setting.updatedAt = now
            if delivery.digestInterval != nil { setting.lastDigestAt = now }
        }
        try await setting.save(on: db)
    }
}
