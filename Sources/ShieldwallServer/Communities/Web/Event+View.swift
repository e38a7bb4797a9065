import Foundation
import Plot
import ShieldwallCore
import Vapor

enum EventView {
    static func list(_ ctx: PageContext, _ p: EventListPage) -> Response {
        let card = p.card
        return Layout.page(ctx, title: ctx.t("events.title", ["community": card.name]), content: [
            .p(.a(.href(SiteURL.community(card.slug).path), .text(ctx.t("community.back")))),
            .if(p.canFacilitate, .p(.a(.class("button"), .href(SiteURL.communityEventNew(card.slug).path), .text(ctx.t("community.new-event"))))),
            .h2(.text(ctx.t("events.upcoming"))),
            rows(ctx, p.upcoming, empty: ctx.t("community.no-events")),
            .h2(.text(ctx.t("events.past"))),
            rows(ctx, p.past, empty: ctx.t("events.no-past")),
            .h2(.text(ctx.t("events.feed.heading"))),
            .p(.text(ctx.t("events.feed.intro"))),
            .unwrap(p.feedURL) { url in
                .div(.class("secret-once"), .p(.text(ctx.t("events.feed.shown-once"))), .p(.code(.id("calendar-feed"), .text(url))))
            },
            Forms.button(ctx, action: SiteURL.communityCalendarToken(card.slug).path, text: ctx.t("events.feed.create")),
        ])
    }

    static func rows(_ ctx: PageContext, _ events: [EventSummary], empty: String) -> Node<HTML.BodyContext> {
        events.isEmpty ? .p(.class("empty"), .text(empty))
            : .ul(.class("events"), .forEach(events) { e in
                .li(.a(.href(SiteURL.communityEvent(e.communitySlug, e.id).path), .text(e.title)),
                    .text(" — " + ctx.t("event.kind.\(e.kind.rawValue)") + " — " + e.localTime),
                    .if(e.cancelled, .strong(.text(" " + ctx.t("event.cancelled")))))
            })
    }

    static func form(_ ctx: PageContext, _ p: EventFormPage, status: HTTPStatus = .ok) -> Response {
        let card = p.card, form = p.form, errors = p.errors
        return Layout.page(ctx, title: ctx.t("events.new.title"), status: status, content: [
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communityEvents(card.slug).path),
                Forms.csrf(ctx),
                Forms.select("kind", label: ctx.t("field.event-kind"),
                             options: CommunityEvent.Kind.allCases.map { ($0.rawValue, ctx.t("event.kind.\($0.rawValue)")) },
                             selected: form.kind ?? "webinar", error: errors["kind"]),
                Forms.field("title", label: ctx.t("field.title"), value: form.title ?? "", error: errors["title"]),
                Forms.textarea("description", label: ctx.t("field.description"), value: form.description ?? "", error: errors["description"], required: false),
                Forms.field("starts", label: ctx.t("field.starts"), type: .datetimeLocal, value: form.starts ?? "", error: errors["starts"]),
                Forms.field("ends", label: ctx.t("field.ends"), type: .datetimeLocal, value: form.ends ?? "", error: errors["ends"]),
                Forms.field("time_zone", label: ctx.t("field.time-zone"), value: form.time_zone ?? "Europe/London", error: errors["time_zone"]),
                Forms.field("location", label: ctx.t("field.location"), value: form.location ?? "", error: errors["location"],
                            hint: ctx.t("field.location-hint"), required: false),
                Forms.field("capacity", label: ctx.t("field.capacity"), type: .number, value: form.capacity ?? "", error: errors["capacity"],
                            hint: ctx.t("field.capacity-hint"), required: false),
                Forms.submit(ctx.t("events.new.submit"))),
        ])
    }

    static func show(_ ctx: PageContext, _ p: EventPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.card.slug, id = p.event.id, errors = p.errors
        let answers: [(String, String)] = EventResponse.Answer.allCases.map { ($0.rawValue, ctx.t("rsvp.\($0.rawValue)")) }
        return Layout.page(ctx, title: p.event.title, status: status, content: [
            .p(.a(.href(SiteURL.communityEvents(slug).path), .text(ctx.t("events.back", ["community": p.card.name])))),
            .dl(.class("facts"),
                .dt(.text(ctx.t("field.event-kind"))), .dd(.text(ctx.t("event.kind.\(p.event.kind.rawValue)"))),
                .dt(.text(ctx.t("event.when"))), .dd(.text(p.event.localTime)),
                .dt(.text(ctx.t("field.location"))), .dd(.text(p.event.location.isEmpty ? "—" : p.event.location)),
                .dt(.text(ctx.t("field.capacity"))), .dd(.text(p.capacity.map { ctx.t("event.capacity", ["count": String($0)]) } ?? ctx.t("event.no-limit")))
            ),
            .if(p.event.cancelled, .p(.class("notice"), .text(ctx.t("event.cancelled")))),
            .p(.text(p.description)),
            .if(p.event.kind == .ama,
                .p(.class("lead"), .a(.class("button"), .href(SiteURL.communityEventQuestions(slug, id).path), .text(ctx.t("ama.questions-link"))))),
            .p(.a(.href(SiteURL.communityEventICS(slug, id).path), .text(ctx.t("event.download-ics")))),
            .h2(.text(ctx.t("event.answers"))),
            .p(.id("rsvp-counts"), .text(ctx.t("event.counts", ["going": String(p.going.count), "maybe": String(p.maybe), "not": String(p.notGoing)]))),
            .if(!p.going.isEmpty, .p(.text(ctx.t("event.going-list", ["names": p.going.joined(separator: ", ")])))),
            Forms.errorSummary(ctx, errors),
            .if(p.canParticipate && !p.isPast && !p.event.cancelled,
                .form(.method(.post), .action(SiteURL.communityEventRSVP(slug, id).path),
                    Forms.csrf(ctx),
                    .p(.text(p.myAnswer.map { ctx.t("event.your-answer", ["answer": ctx.t("rsvp.\($0.rawValue)")]) } ?? ctx.t("event.no-answer"))),
                    Forms.select("answer", label: ctx.t("field.rsvp"), options: answers, selected: (p.myAnswer ?? .going).rawValue, error: errors["answer"]),
                    Forms.submit(ctx.t("event.rsvp-submit")))),
            .if(p.canFacilitate && !p.isPast && !p.event.cancelled,
                Forms.dangerButton(ctx, action: SiteURL.communityEventCancel(slug, id).path, text: ctx.t("event.cancel"),
                                   confirm: "cancel-event", name: p.event.title)),
            .if(p.canFacilitate && p.hasStarted, .group(
                .h2(.text(ctx.t("event.attendance"))),
                .if(p.attendanceTaken, .p(.class("ok"), .text(ctx.t("event.attendance-taken")))),
                .form(.method(.post), .action(SiteURL.communityEventAttendance(slug, id).path),
                    Forms.csrf(ctx),
                    .forEach(p.participants) { person in
                        .div(.class("field check"),
                             .selfClosedElement(named: "input", attributes: [
                                .attribute(named: "type", value: "checkbox"), .attr("id", "attended-\(person.id.uuidString)"),
                                .attribute(named: "name", value: "attended[]"), .attr("value", person.id.uuidString),
                             ] + (person.attended ? [.attribute(named: "checked", value: "checked")] : [])),
                             .label(.for("attended-\(person.id.uuidString)"), .text(person.name)))
                    },
                    Forms.submit(ctx.t("event.attendance-submit"))))),
        ])
    }
}
