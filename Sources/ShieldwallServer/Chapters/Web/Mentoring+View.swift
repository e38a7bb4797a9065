import Foundation
import Plot
import ShieldwallCore
import Vapor

enum MentoringView {
    static func secondary(_ text: String) -> Node<HTML.FormContext> { .button(.type(.submit), .class("secondary"), .text(text)) }

    static func folded(_ summary: String, open: Bool, _ content: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .element(named: "details", nodes: [.class("more"), open ? .attribute(named: "open", value: "open") : .empty,
                                           .element(named: "summary", nodes: [.text(summary)]), content])
    }

    static func page(_ ctx: PageContext, _ p: MentoringPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.chapter.slug
        let offer = p.offer ?? MentoringActions.OfferForm(topics: "", capacity: "1", note: "", active: "true")
        return Layout.page(ctx, title: ctx.t("mentoring.title", ["chapter": p.chapter.name]), status: status, content: [
            .p(.a(.href(SiteURL.community(slug).path), .text(ctx.t("training.back-community")))),
            .p(.text(ctx.t("mentoring.intro"))),
            .p(.class("hint"), .text(ctx.t("mentoring.counts", ["running": String(p.running), "ended": String(p.ended), "meetings": String(p.meetings)]))),
            Forms.errorSummary(ctx, p.errors),
            .h2(.text(ctx.t("mentoring.my-pairs"))),
            Table.render(caption: ctx.t("mentoring.my-pairs"), headers: [ctx.t("mentoring.with"), ctx.t("mentoring.as"), ctx.t("mentoring.since")],
                         rows: p.pairs.map { pair in [
                            .a(.href(SiteURL.mentorship(slug, pair.id).path), .text(pair.other)),
                            .text(ctx.t(pair.asMentor ? "mentoring.as-mentor" : "mentoring.as-newcomer") + (pair.ended ? " — " + ctx.t("mentoring.ended") : "")),
                            Format.time(pair.startedAt),
                         ] }, empty: ctx.t("mentoring.no-pairs")),
            .h2(.id("ask"), .text(ctx.t("mentoring.ask"))),
            .unwrap(p.myRequest, { r in .group(
                .p(.text(ctx.t("mentoring.asked", ["topics": r.topics]))),
                r.suggestions.isEmpty ? .p(.text(ctx.t("mentoring.no-suggestions"))) : .ul(.forEach(r.suggestions) { s in
                    .li(.text(s.name + " — " + ctx.t("mentoring.shared", ["topics": s.shared.joined(separator: ", ")]) + " "),
                        Forms.button(ctx, action: SiteURL.communityMentoringPairs(slug).path, text: ctx.t("mentoring.choose", ["name": s.name]),
                                     hidden: [("request", r.id.uuidString), ("mentor", s.id.uuidString)]))
                }),
                Forms.button(ctx, action: SiteURL.communityMentoringRequestWithdraw(slug).path, text: ctx.t("mentoring.withdraw-request"))
            ) }, else: .form(.method(.post), .action(SiteURL.communityMentoringRequest(slug).path), Forms.csrf(ctx),
                Forms.textarea("goals", label: ctx.t("mentoring.goals"), value: "", error: p.errors["goals"], hint: ctx.t("mentoring.goals-hint"), rows: 3),
                Forms.field("topics", label: ctx.t("mentoring.topics"), error: p.errors["topics"], hint: ctx.t("mentoring.topics-hint"), id: "ask-topics"),
                Forms.submit(ctx.t("mentoring.ask-button")))),
            .h2(.id("offer"), .text(ctx.t("mentoring.offer"))),
            folded(ctx.t(p.offer == nil ? "mentoring.offer-summary" : "mentoring.offer-change"), open: p.errors["capacity"] != nil,
                .form(.method(.post), .action(SiteURL.communityMentoringOffer(slug).path), Forms.csrf(ctx),
                      Forms.field("topics", label: ctx.t("mentoring.topics"), value: offer.topics ?? "", error: p.errors["topics"], hint: ctx.t("mentoring.topics-hint")),
                      Forms.field("capacity", label: ctx.t("mentoring.capacity"), type: .number, value: offer.capacity ?? "1", error: p.errors["capacity"]),
                      Forms.textarea("note", label: ctx.t("mentoring.note"), value: offer.note ?? "", required: false, rows: 2),
                      Forms.checkbox("active", label: ctx.t("mentoring.active"), checked: offer.active != nil),
                      secondary(ctx.t("mentoring.offer-button")))),
            .if(p.isFacilitator, .group(
                .h2(.text(ctx.t("mentoring.open-requests"))),
                p.openRequests.isEmpty ? .p(.text(ctx.t("mentoring.no-requests"))) : .ul(.class("cards"), .forEach(p.openRequests) { r in
                    .li(.h3(.text(r.name)), .p(.text(r.goals)), .p(.class("hint"), .text(ctx.t("mentoring.topics") + ": " + r.topics)),
                        .form(.method(.post), .action(SiteURL.communityMentoringPairs(slug).path), Forms.csrf(ctx),
                              .input(.type(.hidden), .attr("name", "request"), .attr("value", r.id.uuidString)),
                              Forms.select("mentor", label: ctx.t("mentoring.mentor"), options: p.mentors.map { m in
                                  (m.id.uuidString, m.name + (r.suggestions.contains { $0.id == m.id } ? " ★" : "") + " (" + m.topics + ")")
                              }, selected: r.suggestions.first?.id.uuidString ?? "", id: "mentor-\(r.id.uuidString)"),
                              secondary(ctx.t("mentoring.pair-button"))))
                })
            )),
        ])
    }

    static func pair(_ ctx: PageContext, _ p: MentorshipPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("mentoring.pair-title", ["mentor": p.mentor, "mentee": p.mentee]), status: status, content: [
            .p(.a(.href(SiteURL.communityMentoring(p.chapter.slug).path), .text(ctx.t("mentoring.back")))),
            .p(.class("hint"), .text(ctx.t("mentoring.private"))),
            .h2(.text(ctx.t("mentoring.goals"))),
            .p(.text(p.goals)),
            .p(.text(ctx.t("mentoring.since") + " "), Format.time(p.startedAt),
               .unwrap(p.endedAt) { .group(.text(" — " + ctx.t("mentoring.ended") + " "), Format.time($0)) }),
            .h2(.text(ctx.t("mentoring.meetings"))),
            Table.render(caption: ctx.t("mentoring.meetings"), headers: [ctx.t("mentoring.held-on"), ctx.t("mentoring.notes"), ctx.t("mentoring.by")],
                         rows: p.meetings.map { [.text($0.heldOn), .text($0.notes), .text($0.by)] }, empty: ctx.t("mentoring.no-meetings")),
            .if(p.endedAt == nil, .group(
                Forms.errorSummary(ctx, p.errors),
                .form(.method(.post), .action(SiteURL.mentorshipMeetings(p.chapter.slug, p.id).path), Forms.csrf(ctx),
                      Forms.field("heldOn", label: ctx.t("mentoring.held-on"), type: .date, value: p.form.heldOn ?? "", error: p.errors["heldOn"]),
                      Forms.textarea("notes", label: ctx.t("mentoring.notes"), value: p.form.notes ?? "", error: p.errors["notes"], rows: 3),
                      Forms.submit(ctx.t("mentoring.record"))),
                Forms.dangerButton(ctx, action: SiteURL.mentorshipEnd(p.chapter.slug, p.id).path, text: ctx.t("mentoring.end"), confirm: "end-mentorship", name: p.mentor == p.mentee ? p.mentor : p.mentor + " / " + p.mentee)
            )),
        ])
    }
}
