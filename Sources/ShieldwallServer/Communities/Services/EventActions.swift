import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Creating events (one by one or from the toolkit's rhythm), answers with capacity, and attendance.
enum EventActions {
    struct Input: Sendable {
        var kind: String?
        var title: String?
        var description: String?
        /// `yyyy-MM-ddTHH:mm` as a `datetime-local` field sends it, in `timeZone`.
        var starts: String?
        var ends: String?
        var timeZone: String?
        var location: String?
        var capacity: String?
    }

    struct Valid: Sendable {
        let kind: CommunityEvent.Kind
        let title: String
        let description: String
        let start: Date
        let end: Date
        let timeZone: String
        let location: String
        let capacity: Int?
    }

    static func parseLocal(_ text: String?, in zone: TimeZone) -> Date? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            f.dateFormat = format
            if let date = f.date(from: text) { return date }
        }
        return nil
    }

    /// The inverse of `parseLocal`: a moment as the wall-clock time in `zone`.
    static func formatLocal(_ date: Date, in zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return f.string(from: date)
    }

    static func validate(_ input: Input) throws -> Valid {
        var problems = ProblemList()
        let title = problems.text("title", input.title, maxLength: 150)
        let description = (input.description ?? "").trimmingWhitespace()
        if description.count > 5000 { problems.add("description", "error.too-long", ["max": "5000"]) }
        let location = (input.location ?? "").trimmingWhitespace()
        if location.count > 300 { problems.add("location", "error.too-long", ["max": "300"]) }
        let kind = CommunityEvent.Kind(rawValue: input.kind ?? "")
        if kind == nil { problems.add("kind", "error.event-kind") }
        let zoneName = (input.timeZone ?? "").trimmingWhitespace().isEmpty ? "Europe/London" : (input.timeZone ?? "").trimmingWhitespace()
        let zone = TimeZone(identifier: zoneName)
        if zone == nil { problems.add("time_zone", "error.time-zone") }
        let start = parseLocal(input.starts, in: zone ?? .gmt)
        let end = parseLocal(input.ends, in: zone ?? .gmt)
        if start == nil { problems.add("starts", "error.date-time") }
        if end == nil { problems.add("ends", "error.date-time") }
        if let start, let end, end <= start { problems.add("ends", "error.event-ends-before-start") }
        var capacity: Int?
        if let raw = input.capacity?.trimmingWhitespace(), !raw.isEmpty {
            if let n = Int(raw), n >= 1, n <= 10_000 { capacity = n } else { problems.add("capacity", "error.range", ["min": "1", "max": "10000"]) }
        }
        try problems.throwIfAny()
        return Valid(kind: kind ?? .webinar, title: title, description: description, start: start ?? Date(), end: end ?? Date(),
                     timeZone: zoneName, location: location, capacity: capacity)
    }

    static func create(in community: Community, _ input: Input, by person: SignedIn, ctx: ActionContext) async throws -> CommunityEvent {
        let v = try validate(input)
        let event = CommunityEvent(communityID: try community.requireID(), kind: v.kind, title: v.title, description: v.description,
                                   startsAt: v.start, endsAt: v.end, timeZone: v.timeZone, location: v.location,
                                   capacity: v.capacity, seriesID: nil, createdByID: person.personID, createdAt: ctx.now)
        let mail = try await ctx.db.transaction { tx -> NoticeMail in
            try await event.create(on: tx)
            try await index(event, on: tx)
            guard v.kind == .ama else { return .none }
            return try await ctx.services.links.eventNotices.announceAMA(event, by: person.personID, on: tx, now: ctx.now)
        }
        await mail.send(ctx)
        return event
    }

    /// The toolkit's engagement rhythm: one real event per occurrence, all in one series.
    static func createSeries(in community: Community, _ input: Input, recurrence: Recurrence, by person: SignedIn,
                             ctx: ActionContext) async throws -> [CommunityEvent] {
        let v = try validate(input)
        let zone = TimeZone(identifier: v.timeZone) ?? .gmt
        let duration = v.end.timeIntervalSince(v.start)
        let series = UUID()
        let communityID = try community.requireID()
        let events = recurrence.occurrences(from: v.start, in: zone).map { start in
            CommunityEvent(communityID: communityID, kind: v.kind, title: v.title, description: v.description, startsAt: start,
                           endsAt: start.addingTimeInterval(duration), timeZone: v.timeZone, location: v.location,
                           capacity: v.capacity, seriesID: series, createdByID: person.personID, createdAt: ctx.now)
        }
        try await ctx.db.transaction { tx in
            for event in events {
                try await event.create(on: tx)
                try await index(event, on: tx)
            }
        }
        return events
    }

    /// Events are found by search (through the conversation scope's communities).
    static func index(_ event: CommunityEvent, on db: any Database) async throws {
        try await SearchIndex.put(.event, ref: try event.requireID(), thread: nil, community: event.$community.id, title: event.title,
                                  body: event.description + "\n" + event.location, on: db)
    }

    /// Records an answer. "Going" is refused when the event is full (the person's own earlier "going" counts as theirs).
    static func respond(to event: CommunityEvent, answer raw: String?, by person: SignedIn, ctx: ActionContext) async throws {
        guard let answer = EventResponse.Answer(rawValue: raw ?? "") else { throw ValidationFailure(field: "answer", key: "error.rsvp-answer") }
        guard !event.cancelled else { throw ValidationFailure(field: "answer", key: "error.event-cancelled") }
        guard event.endsAt > ctx.now else { throw ValidationFailure(field: "answer", key: "error.event-past") }
        let eventID = try event.requireID()
        try await ctx.db.transaction { tx in
            let existing = try await EventResponse.query(on: tx).filter(\.$event.$id == eventID)
                .filter(\.$person.$id == person.personID).first()
            if answer == .going, let capacity = event.capacity, existing?.answer != .going {
                let going = try await EventResponse.query(on: tx).filter(\.$event.$id == eventID)
                    .filter(\.$answer == EventResponse.Answer.going).count()
                if going >= capacity { throw ValidationFailure(field: "answer", key: "error.event-full", values: ["capacity": String(capacity)]) }
            }
            if let existing {
                existing.answer = answer
                existing.updatedAt = ctx.now
                try await existing.update(on: tx)
            } else {
                try await EventResponse(eventID: eventID, personID: person.personID, answer: answer, updatedAt: ctx.now).create(on: tx)
            }
        }
    }

    /// The facilitator ticks who came; everyone listed is recorded as attended or not.
    static func takeAttendance(_ event: CommunityEvent, attendees: Set<UUID>, participants: Set<UUID>, ctx: ActionContext) async throws {
        guard event.startsAt <= ctx.now else { throw ValidationFailure(field: "attendance", key: "error.attendance-future") }
        let unknown = attendees.subtracting(participants)
        guard unknown.isEmpty else { throw ValidationFailure(field: "attendance", key: "error.attendance-unknown") }
        let eventID = try event.requireID()
        try await ctx.db.transaction { tx in
            let responses = try await EventResponse.query(on: tx).filter(\.$event.$id == eventID).all()
            var byPerson = Dictionary(uniqueKeysWithValues: responses.map { ($0.$person.id, $0) })
            for personID in participants {
                let came = attendees.contains(personID)
                if let row = byPerson[personID] {
                    row.attended = came
                    try await row.update(on: tx)
                } else if came {
                    let row = EventResponse(eventID: eventID, personID: personID, answer: .going, updatedAt: ctx.now)
                    row.attended = true
                    try await row.create(on: tx)
                    byPerson[personID] = row
                }
            }
            event.attendanceTaken = true
            event.updatedAt = ctx.now
            try await event.update(on: tx)
        }
    }

    static func icsEvent(_ event: CommunityEvent, community: Community, baseURL: String) throws -> ICalendar.Event {
        let id = try event.requireID()
        return ICalendar.Event(
            uid: "\(id.uuidString)@shieldwall", start: event.startsAt, end: event.endsAt,
            summary: "\(event.title) (\(community.name))", description: event.description, location: event.location,
            url: baseURL + SiteURL.communityEvent(community.slug, id).path,
            cancelled: event.cancelled, updated: event.updatedAt)
    }
}
