import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// An event as lists and pages show it.
struct EventSummary: Sendable {
    let id: UUID
    let communitySlug: String
    let kind: CommunityEvent.Kind
    let title: String
    let startsAt: Date
    let endsAt: Date
    let timeZone: String
    let location: String
    let cancelled: Bool

    init(_ e: CommunityEvent, slug: String) throws {
        id = try e.requireID(); communitySlug = slug; kind = e.kind; title = e.title; startsAt = e.startsAt; endsAt = e.endsAt
        timeZone = e.timeZone; location = e.location; cancelled = e.cancelled
    }

    /// "Tue 14 Jan 2027, 18:00–19:00 (Europe/London)"
    var localTime: String {
        // Format styles, which Foundation keeps the ICU formatter of: two `DateFormatter`s made per event were a
        // twentieth of a home page's time.
        let zone = TimeZone(identifier: timeZone) ?? .gmt, locale = Locale(identifier: "en_GB"), calendar = Calendar(identifier: .gregorian)
        let hours: Date.FormatString = "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)"
        let day = Date.VerbatimFormatStyle(format: "\(weekday: .abbreviated) \(day: .defaultDigits) \(month: .abbreviated) \(year: .defaultDigits), ",
                                           locale: locale, timeZone: zone, calendar: calendar)
        let time = Date.VerbatimFormatStyle(format: hours, locale: locale, timeZone: zone, calendar: calendar)
        return "\(day.format(startsAt))\(time.format(startsAt))–\(time.format(endsAt)) (\(timeZone))"
    }
}

/// A community's calendar: coming and past events, and the private feed address (shown once, when made).
struct EventListPage: Sendable {
    let card: CommunityCard
    let upcoming: [EventSummary]
    let past: [EventSummary]
    let canFacilitate: Bool
    let feedURL: String?

    static func build(_ community: Community, standing: CommunityStanding, feedURL: String? = nil, on db: any Database,
                      now: Date) async throws -> EventListPage {
        let events = try await CommunityEvent.query(on: db).filter(\.$community.$id == community.requireID()).sort(\.$startsAt).all()
            .map { try EventSummary($0, slug: community.slug) }
        return EventListPage(card: try CommunityCard(community), upcoming: events.filter { $0.endsAt > now },
                             past: events.filter { $0.endsAt <= now }.reversed(), canFacilitate: CommunityAccess.canFacilitate(standing),
                             feedURL: feedURL)
    }
}

/// A new event as the facilitator types it.
struct EventForm: Content {
    var kind: String?
    var title: String?
    var description: String?
    var starts: String?
    var ends: String?
    var time_zone: String?
    var location: String?
    var capacity: String?
}

struct EventFormPage: Sendable {
    let card: CommunityCard
    let form: EventForm
    let errors: [String: String]
}

/// What an event's page shows: the answers so far, the person's own, and for the facilitator attendance.
struct EventPage: Sendable {
    struct Participant: Sendable {
        let id: UUID
        let name: String
        let attended: Bool
    }

    let card: CommunityCard
    let event: EventSummary
    let description: String
    let capacity: Int?
    let myAnswer: EventResponse.Answer?
    let going: [String]
    let maybe: Int
    let notGoing: Int
    let canParticipate: Bool
    let canFacilitate: Bool
    let attendanceTaken: Bool
    /// For the attendance form: everyone taking part, and whether they came.
    let participants: [Participant]
    let isPast: Bool
    let hasStarted: Bool
    let errors: [String: String]

    static func build(_ event: CommunityEvent, community: Community, standing: CommunityStanding, viewer: SignedIn, errors: [String: String] = [:],
                      on db: any Database, now: Date) async throws -> EventPage {
        let responses = try await EventResponse.query(on: db).filter(\.$event.$id == event.requireID()).with(\.$person).all()
        var participants: [Participant] = []
        if CommunityAccess.canFacilitate(standing) {
            let ids = try await CommunityStandings.participantIDs(of: community.requireID(), on: db)
            let attended = Set(responses.filter { $0.attended == true }.map { $0.$person.id })
            participants = try await Person.query(on: db).filter(\.$id ~~ Array(ids)).sort(\.$displayName).all()
                .map { Participant(id: try $0.requireID(), name: $0.displayName, attended: attended.contains(try $0.requireID())) }
        }
        return EventPage(
            card: try CommunityCard(community), event: try EventSummary(event, slug: community.slug), description: event.description,
            capacity: event.capacity,
            myAnswer: responses.first { $0.$person.id == viewer.personID }?.answer,
            going: responses.filter { $0.answer == .going }.map(\.person.displayName).sorted(),
            maybe: responses.filter { $0.answer == .maybe }.count,
            notGoing: responses.filter { $0.answer == .notGoing }.count,
            canParticipate: CommunityAccess.canParticipate(standing), canFacilitate: CommunityAccess.canFacilitate(standing),
            attendanceTaken: event.attendanceTaken, participants: participants,
            isPast: event.endsAt <= now, hasStarted: event.startsAt <= now, errors: errors)
    }
}
