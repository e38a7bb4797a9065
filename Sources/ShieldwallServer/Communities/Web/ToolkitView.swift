import Foundation
import Plot
import Vapor

enum ToolkitView {
    static func frame(_ ctx: PageContext, _ card: CommunityCard, step: Int, status: HTTPStatus = .ok,
                      content: [Node<HTML.BodyContext>]) -> Response {
        Layout.page(ctx, title: ctx.t("toolkit.title", ["community": card.name]), status: status, content: [
            .element(named: "progress", nodes: [.attr("max", "4"), .attr("value", String(step)),
                                                .attr("aria-label", ctx.t("toolkit.progress", ["step": String(step)]))]),
            .p(.strong(.text(ctx.t("toolkit.progress", ["step": String(step)]) + " — " + ctx.t("toolkit.step\(step)")))),
            .group(content),
            .p(.class("hint"), .text(ctx.t("toolkit.later"))),
        ])
    }

    static func purpose(_ ctx: PageContext, _ card: CommunityCard, form: CommunityController.PurposeForm, errors: [String: String],
                        status: HTTPStatus = .ok) -> Response {
        frame(ctx, card, step: 1, status: status, content: [
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communitySetup(card.slug, 1).path),
                Forms.csrf(ctx),
                CommunityView.purposeFields(ctx, form: form, errors: errors),
                Forms.submit(ctx.t("toolkit.next"))),
        ])
    }

    static func charter(_ ctx: PageContext, _ card: CommunityCard, text: String, errors: [String: String], status: HTTPStatus = .ok) -> Response {
        frame(ctx, card, step: 2, status: status, content: [
            .p(.text(ctx.t("toolkit.charter.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communitySetup(card.slug, 2).path),
                Forms.csrf(ctx),
                Forms.textarea("charter", label: ctx.t("field.charter"), value: text, error: errors["charter"], rows: 24),
                Forms.submit(ctx.t("toolkit.charter.save"))),
        ])
    }

    static func invitations(_ ctx: PageContext, _ m: CommunityOverview, sent: [(String, CommunityInvitation.Status)], warning: String?) -> Response {
        let slug = m.card.slug
        return frame(ctx, m.card, step: 3, content: [
            .p(.text(ctx.t("toolkit.invite.intro", ["orgs": String(m.guidance.organisations), "experts": String(m.guidance.experts)]))),
            .unwrap(warning) { .p(.class("notice"), .text($0)) },
            .form(.method(.post), .action(SiteURL.communityInvitations(slug).path + "?setup=1"),
                Forms.csrf(ctx),
                Forms.select("organisation", label: ctx.t("field.invite-organisation"),
                             options: [("", ctx.t("community.invite.none"))] + m.invitable.map { ($0.0.uuidString, $0.1) }, selected: ""),
                Forms.select("expert", label: ctx.t("field.invite-expert"),
                             options: [("", ctx.t("community.invite.none"))] + m.experts.map { ($0.0.uuidString, $0.1) }, selected: ""),
                Forms.textarea("message", label: ctx.t("field.invite-message"), value: "", required: false),
                Forms.submit(ctx.t("community.invite.submit"))),
            .h2(.text(ctx.t("toolkit.invite.sent"))),
            sent.isEmpty ? .p(.class("empty"), .text(ctx.t("toolkit.invite.none")))
                : .ul(.id("sent-invitations"), .forEach(sent) { .li(.text("\($0.0) — " + ctx.t("community.invitation.\($0.1)"))) }),
            .form(.method(.post), .action(SiteURL.communitySetup(slug, 3).path),
                Forms.csrf(ctx),
                Forms.submit(ctx.t("toolkit.next"))),
        ])
    }

    static func rhythm(_ ctx: PageContext, _ card: CommunityCard, form: ToolkitController.RhythmForm, errors: [String: String],
                       status: HTTPStatus = .ok) -> Response {
        frame(ctx, card, step: 4, status: status, content: [
            .p(.text(ctx.t("toolkit.rhythm.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communitySetup(card.slug, 4).path),
                Forms.csrf(ctx),
                Forms.field("time_zone", label: ctx.t("field.time-zone"), value: form.time_zone ?? "Europe/London", error: errors["time_zone"]),
                Forms.field("months", label: ctx.t("field.rhythm-months"), type: .number, value: form.months ?? "6", error: errors["months"]),
                .fieldset(.element(named: "legend", nodes: [.text(ctx.t("rhythm.webinar.choice"))]),
                    Forms.checkbox("webinar", label: ctx.t("rhythm.webinar.choice"), checked: form.webinar == "true"),
                    Forms.field("webinar_starts", label: ctx.t("field.first-date"), type: .datetimeLocal,
                                value: form.webinar_starts ?? "", error: errors["webinar_starts"], required: false)),
                .fieldset(.element(named: "legend", nodes: [.text(ctx.t("rhythm.in-person.choice"))]),
                    Forms.checkbox("in_person", label: ctx.t("rhythm.in-person.choice"), checked: form.in_person == "true"),
                    Forms.field("in_person_starts", label: ctx.t("field.first-date"), type: .datetimeLocal,
                                value: form.in_person_starts ?? "", error: errors["in_person_starts"], required: false),
                    Forms.field("in_person_location", label: ctx.t("field.location"), value: form.in_person_location ?? "", required: false)),
                .fieldset(.element(named: "legend", nodes: [.text(ctx.t("rhythm.ama.choice"))]),
                    Forms.checkbox("ama", label: ctx.t("rhythm.ama.choice"), checked: form.ama == "true"),
                    Forms.field("ama_starts", label: ctx.t("field.first-date"), type: .datetimeLocal,
                                value: form.ama_starts ?? "", error: errors["ama_starts"], required: false)),
                Forms.submit(ctx.t("toolkit.finish"))),
        ])
    }
}
