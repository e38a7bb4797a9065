import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's calendar: events, answers, attendance, `.ics` downloads and the private feed.
struct EventController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityEvents, use: list)
        routes.get(SiteURL.communityEventNew, use: newForm)
        routes.post(SiteURL.communityEvents, use: create)
        routes.get(SiteURL.communityEvent, use: show)
        routes.post(SiteURL.communityEventRSVP, use: rsvp)
        routes.post(SiteURL.communityEventAttendance, use: attendance)
        routes.post(SiteURL.communityEventCancel, use: cancel)
        routes.get(SiteURL.communityEventICS, use: ics)
        routes.post(SiteURL.communityCalendarToken, use: newFeedToken)
        routes.get(SiteURL.calendarFeed, use: feed)
    }

    static func event(_ req: Request, in community: Community) async throws -> CommunityEvent {
        guard let id = req.parameters.get(.eventID, as: UUID.self),
              let event = try await CommunityEvent.query(on: req.db).filter(\.$id == id)
                .filter(\.$community.$id == community.requireID()).first()
        else { throw Abort(.notFound, reason: req.t("error.event-not-found")) }
        return event
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        return EventView.list(try await req.pageContext(), try await EventListPage.build(community, standing: standing, on: req.db, now: req.now))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        // Other pages may suggest an event (the plan's review meeting): kind, title and start come prefilled.
        let form = EventForm(kind: req.query[String.self, at: "kind"] ?? "webinar", title: req.query[String.self, at: "title"],
                             starts: req.query[String.self, at: "starts"], time_zone: "Europe/London")
        let page = EventFormPage(card: try CommunityCard(community), form: form, errors: [:])
        return EventView.form(try await req.pageContext(), page)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        let form = try req.content.decode(EventForm.self)
        do {
            let event = try await EventActions.create(in: community, .init(
                kind: form.kind, title: form.title, description: form.description, starts: form.starts, ends: form.ends,
                timeZone: form.time_zone, location: form.location, capacity: form.capacity), by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityEvent(community.slug, try event.requireID()).path, flash: "flash.event-created")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let page = EventFormPage(card: try CommunityCard(community), form: form, errors: failure.messages(ctx.localiser))
            return EventView.form(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let event = try await Self.event(req, in: community)
        let page = try await EventPage.build(event, community: community, standing: standing, viewer: person, on: req.db, now: req.now)
        return EventView.show(try await req.pageContext(), page)
    }

    struct RSVPForm: Content {
        var answer: String?
    }

    @Sendable func rsvp(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let event = try await Self.event(req, in: community)
        do {
            try await EventActions.respond(to: event, answer: try req.content.decode(RSVPForm.self).answer, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityEvent(community.slug, try event.requireID()).path, flash: "flash.rsvp-saved")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let page = try await EventPage.build(event, community: community, standing: standing, viewer: person,
                                                 errors: failure.messages(ctx.localiser), on: req.db, now: req.now)
            return EventView.show(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func attendance(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        let event = try await Self.event(req, in: community)
        let attendees = Set(((try? req.content.get([String].self, at: "attended")) ?? []).compactMap(UUID.init(uuidString:)))
        let participants = try await CommunityStandings.participantIDs(of: community.requireID(), on: req.db)
        do {
            try await EventActions.takeAttendance(event, attendees: attendees, participants: participants, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityEvent(community.slug, try event.requireID()).path, flash: "flash.attendance-saved")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let page = try await EventPage.build(event, community: community, standing: standing, viewer: person,
                                                 errors: failure.messages(ctx.localiser), on: req.db, now: req.now)
            return EventView.show(ctx, page, status: .unprocessableEntity)
        }
    }

    /// Cancelling keeps the event (and its answers) and tells calendars it is off.
    @Sendable func cancel(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        let event = try await Self.event(req, in: community)
        event.cancelled = true
        event.updatedAt = req.now
        try await event.update(on: req.db)
        return req.seeOther(SiteURL.communityEvent(community.slug, try event.requireID()).path, flash: "flash.event-cancelled")
    }

    @Sendable func ics(req: Request) async throws -> Response {
        let (community, _, _) = try await CommunityStandings.content(req)
        let event = try await Self.event(req, in: community)
        let calendar = ICalendar(name: community.name, events: [try EventActions.icsEvent(event, community: community,
                                                                                       baseURL: req.shieldwall.configuration.baseURL)])
        return Self.calendarResponse(calendar.render(now: req.now), filename: "\(community.slug)-event.ics")
    }

    /// Issues a new private feed address for this person and community (shown once; the old one stops working).
    @Sendable func newFeedToken(req: Request) async throws -> Response {
        let (community, _, person) = try await CommunityStandings.content(req)
        let token = SecretToken.generate()
        let communityID = try community.requireID()
        try await req.db.transaction { tx in
            try await FeedToken.query(on: tx).filter(\.$purpose == .calendar).filter(\.$communityID == communityID)
                .filter(\.$person.$id == person.personID).delete()
            try await FeedToken(purpose: .calendar, communityID: communityID, personID: person.personID, tokenDigest: token.digest,
                                createdAt: req.now).create(on: tx)
        }
        let url = req.shieldwall.configuration.baseURL + SiteURL.calendarFeed(token.value + ".ics").path
        let standing = try await CommunityStandings.standing(of: person, in: community, on: req.db)
        return EventView.list(try await req.pageContext(), try await EventListPage.build(community, standing: standing, feedURL: url,
                                                                                         on: req.db, now: req.now))
    }

    /// The feed itself: no session, the token is the key. It answers only while its holder may still
    /// see the community's content, so a member who left stops getting events.
    @Sendable func feed(req: Request) async throws -> Response {
        var token = req.parameters.get(.token) ?? ""
        if token.hasSuffix(".ics") { token.removeLast(4) }
        guard token.count >= 20, token.count < 100,
              let row = try await FeedToken.query(on: req.db).filter(\.$tokenDigest == SecretToken.digest(of: token))
                .filter(\.$purpose == .calendar).with(\.$person, { $0.with(\.$organisation) }).first(),
              row.person.deactivatedAt == nil,
              let community = try await Community.find(row.communityID, on: req.db)
        else { throw Abort(.notFound, reason: req.t("error.feed-not-found")) }
        let holder = try SignedIn(person: row.person, organisation: row.person.organisation, sessionID: nil, stage: .full)
        let standing = try await CommunityStandings.standing(of: holder, in: community, on: req.db)
        guard CommunityAccess.canSeeContent(standing) else { throw Abort(.notFound, reason: req.t("error.feed-not-found")) }
        let since = req.now.addingTimeInterval(-90 * 86400)
        let events = try await CommunityEvent.query(on: req.db).filter(\.$community.$id == row.communityID)
            .filter(\.$endsAt > since).sort(\.$startsAt).all()
        let base = req.shieldwall.configuration.baseURL
        let calendar = ICalendar(name: community.name, events: try events.map { try EventActions.icsEvent($0, community: community, baseURL: base) })
        return Self.calendarResponse(calendar.render(now: req.now), filename: "\(community.slug).ics")
    }

    static func calendarResponse(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
